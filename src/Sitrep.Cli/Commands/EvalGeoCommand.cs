using System.CommandLine;
using Sitrep.Evaluation.Geo;
using Sitrep.Extraction.Places;
using Sitrep.Ingest.Metadata;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval geo --gold FILE [--format jsonl|lgl] [--json] [--errors N]`: toponym resolution with gold spans and end to end.</summary>
public static class EvalGeoCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "Gold toponyms: JSON lines {id,text,published,toponyms:[{start,end,lat,lon,geonameId}]} or LGL/TR-News XML", Required = true };
        var format = new Option<string>("--format") { Description = "jsonl (default) or lgl (LGL / TR-News XML)", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "lgl");
        var json = EvalOptions.Json();
        var errors = new Option<int>("--errors") { Description = "Print up to N toponyms resolved more than 161 km off, before the table" };
        var command = new Command("geo", "Score toponym resolution: geo_acc161, geo_exact, median/mean km with gold spans; toponym F1 and geo_e2e_acc161 end to end") { gold, format, json, errors };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(gold);
            var docs = parse.GetValue(format) == "lgl" ? GeoGoldReader.ReadLgl(path) : GeoGoldReader.ReadJsonLines(path);
            if (docs.Count == 0) throw new SitrepInputException(path, "no articles");
            var extractor = new TextMetadataExtractor();
            var scorer = new GeoScorer(Pipelines.Extraction(), Pipelines.Places(), g => CreateDocument(extractor, g), parse.GetValue(errors));
            var result = scorer.Score(docs);
            foreach (var e in result.Errors) Console.Out.WriteLine(e);
            EvalOptions.Print(result.ToReport($"Toponym resolution: {path}"), parse.GetValue(json));
            return CliRunner.Ok;
        });
        return command;
    }

    /// <summary>The gold text as is (offsets must not move), with the dateline and regions the text itself shows.</summary>
    private static Document CreateDocument(TextMetadataExtractor extractor, GeoGoldDocument g)
    {
        var found = extractor.Extract(g.Text);
        var metadata = new DocumentMetadata { Id = g.Id, Source = g.Id, Published = g.Published };
        if (found.Text != g.Text) return new Document(g.Text, metadata);
        var doc = new Document(g.Text, metadata with { Dateline = found.Metadata.Dateline, DatelineSpan = found.Metadata.DatelineSpan, Title = found.Metadata.Title });
        doc.Regions.AddRange(found.Regions);
        return doc;
    }
}
