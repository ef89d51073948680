using System.CommandLine;
using System.Diagnostics;
using Sitrep.Evaluation;
using Sitrep.Evaluation.Scoring;
using Sitrep.Models;
using Sitrep.Text.Formats;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval deps --gold FILE.conllu [--json] [--model DIR]`: tagger, lemmatizer and parser on gold tokenization.</summary>
public static class EvalDepsCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "Gold CoNLL-U file", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object as the last line" };
        var model = new Option<string?>("--model") { Description = "Model directory (default: data/models or $SITREP_MODELS)" };
        var beam = new Option<int?>("--beam") { Description = "Decode with this beam width instead of the model's own (1 = greedy)" };
        var errors = new Option<int>("--errors") { Description = "Also list the N most frequent label errors of correctly attached words on stderr" };
        var command = new Command("deps", "Score the dependency parser with predicted POS (gold tokenization)") { gold, json, model, beam, errors };
        command.SetAction(parse =>
        {
            var sentences = Conllu.ReadFile(parse.GetValue(gold)!);
            string dir = ModelLocator.ResolveDirectory(parse.GetValue(model));
            string posPath = Path.Combine(dir, ModelLocator.PosModelFile);
            var tagger = PosTagger.Load(posPath);
            var lemmatizer = Lemmatizer.Load(posPath);
            var parser = DependencyParser.Load(Path.Combine(dir, ModelLocator.ParserModelFile));
            if (parse.GetValue(beam) is { } width)
            {
                if (width < 1 || width > 64) throw new UsageException("--beam must be between 1 and 64");
                parser = parser.WithBeamWidth(width);
            }
            var doc = ConlluDocument.FromSentences(sentences);
            tagger.Process(doc);
            lemmatizer.Process(doc);
            var sw = Stopwatch.StartNew();
            parser.Process(doc);
            sw.Stop();
            var t = TaggingScorer.Score(sentences, doc);
            var d = DependencyScorer.Score(sentences, doc);
            (string, double)[] rows = [("upos", t.Upos), ("xpos", t.Xpos), ("lemma", t.Lemma), ("uas", d.Uas), ("las", d.Las)];
            Console.WriteLine($"{d.Words} words, {sentences.Count} sentences, models in {dir}, parser beam {parser.BeamWidth}");
            Console.Write(EvaluationFormat.Table(rows));
            Console.WriteLine($"las (universal relation only, CoNLL 2018 style): {d.LasUniversal * 100:0.00}");
            Console.WriteLine($"parsing: {d.Words / Math.Max(1e-9, sw.Elapsed.TotalSeconds):N0} words/s (one thread, includes JIT warm-up)");
            // Warm passes (same output): wall-clock and CPU-time throughput; the latter is steadier on a shared machine.
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            sw.Restart();
            for (int pass = 0; pass < 3; pass++) parser.Process(doc);
            sw.Stop();
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            Console.WriteLine($"parsing, warm: {3 * d.Words / Math.Max(1e-9, sw.Elapsed.TotalSeconds):N0} words/s wall, {3 * d.Words / Math.Max(1e-9, cpu):N0} words per CPU second");
            int top = parse.GetValue(errors);
            if (top > 0)
                foreach (var (e, n) in DependencyScorer.LabelErrors(sentences, doc, top))
                    Console.Error.WriteLine($"{n,5}  {e}");
            if (parse.GetValue(json)) Console.WriteLine(EvaluationFormat.Json(rows));
            return 0;
        });
        return command;
    }
}
