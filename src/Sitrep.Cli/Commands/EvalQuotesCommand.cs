using System.CommandLine;
using Sitrep.Evaluation.Quotes;
using Sitrep.Ingest.Metadata;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval quotes --gold FILE.jsonl [--json] [--errors N]`: quote span F1 by kind and speaker accuracy (docs/quotes.md).</summary>
public static class EvalQuotesCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "Quote gold JSON lines: {\"id\",\"text\",\"published\",\"quotes\":[{\"start\",\"end\",\"kind\",\"speakerStart\",\"speakerEnd\"}]}", Required = true };
        var json = EvalOptions.Json();
        var errors = new Option<int>("--errors") { Description = "Print up to N missed, spurious or misattributed quotes before the table" };
        var command = new Command("quotes", "Score the quote finder: quote F1 (overlap >= 50%, same kind), per kind, and speaker accuracy") { gold, json, errors };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(gold);
            var documents = QuoteGoldReader.ReadFile(path);
            var pipeline = Pipelines.Extraction();
            var extractor = new TextMetadataExtractor();
            var result = new QuoteScorer(g => pipeline.Process(Build(extractor, g)), parse.GetValue(errors)).Score(documents);
            foreach (var e in result.Errors) Console.Out.WriteLine(e);
            EvalOptions.Print(result.ToReport($"Quotes: {path}"), parse.GetValue(json));
            return CliRunner.Ok;
        });
        return command;
    }

    /// <summary>The gold text as the document text (offsets must not move), with the regions the text metadata reader marks (dateline, pull-quotes).</summary>
    private static Document Build(TextMetadataExtractor extractor, GoldQuoteDocument g)
    {
        var doc = new Document(g.Text, new DocumentMetadata { Id = g.Id, Published = g.Published });
        var found = extractor.Extract(g.Text);
        foreach (var r in found.Regions) if (r.End <= g.Text.Length) doc.Regions.Add(r);
        return doc;
    }
}
