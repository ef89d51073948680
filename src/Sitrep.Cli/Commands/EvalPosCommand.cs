using System.CommandLine;
using System.Diagnostics;
using Sitrep.Evaluation;
using Sitrep.Evaluation.Scoring;
using Sitrep.Models;
using Sitrep.Text.Formats;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval pos --gold FILE.conllu [--json] [--model DIR]`: UPOS, XPOS, lemma accuracy on gold tokenization.</summary>
public static class EvalPosCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "Gold CoNLL-U file", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object as the last line" };
        var model = new Option<string?>("--model") { Description = "Model directory (default: data/models or $SITREP_MODELS)" };
        var errors = new Option<int>("--errors") { Description = "Also list the N most frequent lemma errors (form, gold, predicted, gold/predicted UPOS) on stderr" };
        var command = new Command("pos", "Score the POS tagger and lemmatizer (gold tokenization)") { gold, json, model, errors };
        command.SetAction(parse =>
        {
            var sentences = Conllu.ReadFile(parse.GetValue(gold)!);
            string path = ModelLocator.PosModelPath(parse.GetValue(model));
            var tagger = PosTagger.Load(path);
            var lemmatizer = Lemmatizer.Load(path);
            var doc = ConlluDocument.FromSentences(sentences);
            var sw = Stopwatch.StartNew();
            tagger.Process(doc);
            lemmatizer.Process(doc);
            sw.Stop();
            var s = TaggingScorer.Score(sentences, doc);
            (string, double)[] rows = [("upos", s.Upos), ("xpos", s.Xpos), ("lemma", s.Lemma)];
            Console.WriteLine($"{s.Words} words, {sentences.Count} sentences, model {path}");
            Console.Write(EvaluationFormat.Table(rows));
            Console.WriteLine($"tagging+lemmatizing: {s.Words / Math.Max(1e-9, sw.Elapsed.TotalSeconds):N0} words/s (one thread, includes JIT warm-up)");
            int top = parse.GetValue(errors);
            if (top > 0)
                foreach (var (e, n) in TaggingScorer.LemmaErrors(sentences, doc, top))
                    Console.Error.WriteLine($"{n,5}  {e}");
            if (parse.GetValue(json)) Console.WriteLine(EvaluationFormat.Json(rows));
            return 0;
        });
        return command;
    }
}
