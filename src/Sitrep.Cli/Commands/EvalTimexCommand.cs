using System.CommandLine;
using Sitrep.Evaluation.Time;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval timex --gold DIR_OR_FILE.tml [--split train|heldout|all] [--json]`: TempEval-3 task A figures for the time tagger.</summary>
public static class EvalTimexCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "A TimeML .tml file, or a folder read recursively (e.g. tempeval3-train)", Required = true };
        var split = new Option<string>("--split")
        {
            Description = "Which documents of a folder: the .tml files in ordinal order of their relative paths, every fifth (index 4, 9, 14…) is 'heldout', the rest 'train'; 'all' reads every file",
            DefaultValueFactory = _ => "all",
        };
        split.AcceptOnlyFromAmong("train", "heldout", "all");
        var json = EvalOptions.Json();
        var errors = new Option<int>("--errors") { Description = "Print up to N missed, spurious or misnormalized expressions with context before the table" };
        var command = new Command("timex", "Score the time tagger on TimeML (TempEval-3 task A: strict/relaxed span F1, type and value)") { gold, split, json, errors };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(gold);
            var which = parse.GetValue(split) switch { "train" => TimeMlSplit.Train, "heldout" => TimeMlSplit.Heldout, _ => TimeMlSplit.All };
            var files = TimeMlCorpus.Files(path, which);
            if (files.Count == 0) throw new SitrepInputException(path, $"no .tml files in the '{parse.GetValue(split)}' split");
            var result = new TimexScorer(Pipelines.Times(), parse.GetValue(errors)).Score(files.Select(TimeMlReader.ReadFile));
            foreach (var error in result.Errors) Console.Out.WriteLine(error);
            EvalOptions.Print(result.ToReport($"Time expressions (TempEval-3 task A): {path}, split {parse.GetValue(split)}"), parse.GetValue(json));
            return CliRunner.Ok;
        });
        return command;
    }
}
