using System.CommandLine;
using Sitrep.Evaluation.Tokenization;
using Sitrep.Text.Formats;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval tokenize --gold FILE.conllu [--json]`: token and sentence F1 against the gold words and sentences.</summary>
public static class EvalTokenizeCommand
{
    public static Command Create()
    {
        var gold = new Option<FileInfo>("--gold") { Description = "CoNLL-U file with `# text` lines (e.g. en_ewt-ud-dev.conllu)", Required = true };
        var json = EvalOptions.Json();
        var errors = new Option<int>("--errors") { Description = "Print up to N disagreements with context before the table" };
        var command = new Command("tokenize", "Score the tokenizer and sentence splitter on a CoNLL-U file") { gold, json, errors };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(gold);
            var sentences = Conllu.ReadFile(InputFiles.Check(file.FullName, file.ToString()));
            var result = new TokenizationScorer(Pipelines.Tokenization(), parse.GetValue(errors)).Score(sentences, file.ToString());
            foreach (var error in result.Errors) Console.Out.WriteLine(error);
            EvalOptions.Print(result.ToReport($"Tokenization: {file.Name}"), parse.GetValue(json));
            return CliRunner.Ok;
        });
        return command;
    }
}
