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
        var command = new Command("deps", "Score the dependency parser with predicted POS (gold tokenization)") { gold, json, model };
        command.SetAction(parse =>
        {
            var sentences = Conllu.ReadFile(parse.GetValue(gold)!);
            string dir = ModelLocator.ResolveDirectory(parse.GetValue(model));
            string posPath = Path.Combine(dir, ModelLocator.PosModelFile);
            var tagger = PosTagger.Load(posPath);
            var lemmatizer = Lemmatizer.Load(posPath);
            var parser = DependencyParser.Load(Path.Combine(dir, ModelLocator.ParserModelFile));
            var doc = ConlluDocument.FromSentences(sentences);
            tagger.Process(doc);
            lemmatizer.Process(doc);
            var sw = Stopwatch.StartNew();
            parser.Process(doc);
            sw.Stop();
            var t = TaggingScorer.Score(sentences, doc);
            var d = DependencyScorer.Score(sentences, doc);
            (string, double)[] rows = [("upos", t.Upos), ("xpos", t.Xpos), ("lemma", t.Lemma), ("uas", d.Uas), ("las", d.Las)];
            Console.WriteLine($"{d.Words} words, {sentences.Count} sentences, models in {dir}");
            Console.Write(EvaluationFormat.Table(rows));
            Console.WriteLine($"las (universal relation only, CoNLL 2018 style): {d.LasUniversal * 100:0.00}");
            Console.WriteLine($"parsing: {d.Words / Math.Max(1e-9, sw.Elapsed.TotalSeconds):N0} words/s (one thread, includes JIT warm-up)");
            if (parse.GetValue(json)) Console.WriteLine(EvaluationFormat.Json(rows));
            return 0;
        });
        return command;
    }
}
