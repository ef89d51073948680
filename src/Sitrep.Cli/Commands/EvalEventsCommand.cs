using System.CommandLine;
using Sitrep.Evaluation.Events;
using Sitrep.Ingest.Metadata;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval events --gold FILE.jsonl [--json] [--errors N] [--dictionaries DIR]`: CAMEO/PLOVER event coding figures (docs/events.md).</summary>
public static class EvalEventsCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "Event gold JSON lines: {\"id\",\"text\",\"published\",\"events\":[{\"source\",\"target\",\"cameo\",\"plover\"}],\"nonAsserted\":[…]}", Required = true };
        var json = EvalOptions.Json();
        var errors = new Option<int>("--errors") { Description = "Print up to N records with missed or spurious events before the table" };
        var dictionaries = new Option<string?>("--dictionaries") { Description = "Folder of PETRARCH/Phoenix actor and agent dictionaries that extend the actor coder" };
        var command = new Command("events", "Score the event coder: root-code triple F1, full-code F1, PLOVER F1, actor accuracy, non-asserted events coded as asserted") { gold, json, errors, dictionaries };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(gold);
            int maxErrors = parse.GetValue(errors);
            if (maxErrors < 0) throw new UsageException("--errors must be 0 or more");
            var documents = EventGoldReader.ReadFile(path);
            var pipeline = Pipelines.Extraction(parse.GetValue(dictionaries));
            var extractor = new TextMetadataExtractor();
            var scores = new EventScorer(g => Code(pipeline, extractor, g), maxErrors).Score(documents);
            foreach (var e in scores.Errors) Console.Out.WriteLine(e);
            EvalOptions.Print(scores.ToReport($"Events: {path}"), parse.GetValue(json));
            return CliRunner.Ok;
        });
        return command;
    }

    private static List<CodedEvent> Code(Pipeline pipeline, TextMetadataExtractor extractor, GoldEventDocument g)
    {
        var doc = new Document(g.Text, new DocumentMetadata { Id = g.Id, Published = g.Published });
        foreach (var r in extractor.Extract(g.Text).Regions) if (r.End <= g.Text.Length) doc.Regions.Add(r);
        pipeline.Process(doc);
        return doc.Events.Select(e => new CodedEvent(e.SourceActor, e.TargetActor, e.Cameo, e.Plover, e.Modality.ToString().ToLowerInvariant())).ToList();
    }
}
