using System.CommandLine;
using Sitrep.Evaluation.Ner;
using Sitrep.Models;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval ner --gold FILE [--format iob2|conll] [--json] [--errors N] [--model FILE]`: exact-span entity P/R/F1.</summary>
public static class EvalNerCommand
{
    public static Command Create()
    {
        var gold = new Option<string[]>("--gold") { Description = "Gold file(s) (UNER .iob2, CoNLL), a GUM folder (its dev news documents) or re3d folder(s); PATH@dev = the held-back slice (every fifth document); several are scored together", Required = true, AllowMultipleArgumentsPerToken = true };
        var format = new Option<string?>("--format") { Description = "iob2 (tab-separated id, token, tag) or conll (token ... tag); default by extension" };
        format.AcceptOnlyFromAmong("iob2", "conll");
        var json = EvalOptions.Json();
        var errors = new Option<int>("--errors") { Description = "Print up to N sentences where prediction and gold differ" };
        var model = new Option<string?>("--model") { Description = "NER model file (default data/models/en-ner.sitrep-model)" };
        var pos = new Option<string?>("--pos") { Description = "POS model, when the NER model uses POS (default data/models/en-pos.sitrep-model)" };
        var beam = new Option<int?>("--beam") { Description = "Decode with this beam width instead of the model's own" };
        var command = new Command("ner", "Score the entity recognizer: exact-span precision, recall and F1, overall and per type") { gold, format, json, errors, model, pos, beam };
        command.SetAction(parse =>
        {
            var sentences = new List<NerSentence>();
            var labels = new List<string>();
            foreach (string path in parse.GetValue(gold)!)
            {
                if (parse.GetValue(format) is { } f)
                {
                    sentences.AddRange(NerCorpus.ReadTagged(path, f == "iob2" ? NerFileFormat.Iob2 : NerFileFormat.Conll));
                    labels.Add(Path.GetFileName(path));
                }
                else
                {
                    bool gum = Directory.Exists(path) && File.Exists(Path.Combine(path, "splits.md"));
                    var (l, s) = NerCorpusArgument.Read(path, "dev", gum ? "news" : null);
                    sentences.AddRange(s);
                    labels.Add(l);
                }
            }
            string label = string.Join(" + ", labels);
            var recognizer = EntityRecognizer.Load(parse.GetValue(model) ?? EntityRecognizer.DefaultPath());
            if (parse.GetValue(beam) is { } width)
            {
                if (width < 1 || width > 64) throw new UsageException("--beam must be between 1 and 64");
                recognizer = recognizer.WithBeamSize(width);
            }
            var stages = new List<IStage>();
            if (recognizer.UsesPos) stages.Add(PosTagger.Load(parse.GetValue(pos) ?? ModelLocator.PosModelPath()));
            stages.Add(recognizer);
            var result = new NerScorer(stages, parse.GetValue(errors)).Score(sentences);
            foreach (var e in result.Errors) Console.Out.WriteLine(e);
            EvalOptions.Print(result.ToReport($"NER: {label}"), parse.GetValue(json));
            return CliRunner.Ok;
        });
        return command;
    }
}
