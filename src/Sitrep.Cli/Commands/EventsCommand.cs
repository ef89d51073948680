using System.CommandLine;
using Sitrep.Storage;
using Sitrep.Storage.Export;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep events [filters] [--format …] [--mentions]`: deduplicated events from the store.</summary>
public static class EventsCommand
{
    public static Command Create()
    {
        var options = new QueryOptions();
        var mentions = new Option<bool>("--mentions") { Description = "With jsonl: add each event's mentions and their evidence (document, sentence, trigger offsets)" };
        var command = new Command("events", "List deduplicated events (one per source, target, CAMEO root, day and place) with their number of mentions, sources and articles");
        options.AddTo(command);
        command.Options.Add(mentions);
        command.SetAction(parse =>
        {
            var format = options.OutputFormat(parse, "events", ExportFormat.Table, ExportFormat.Csv, ExportFormat.Jsonl, ExportFormat.Parquet, ExportFormat.GeoJson, ExportFormat.Gdelt, ExportFormat.Phoenix);
            var query = options.Build(parse, format);
            using var cts = new CancellationTokenSource();
            var store = DbOption.OpenForQuery(parse.GetValue(options.Db));
            try
            {
                var events = store.QueryEventsAsync(query, cts.Token).GetAwaiter().GetResult().Items;
                Write(store, options, parse, format, events, parse.GetValue(mentions)).GetAwaiter().GetResult();
            }
            finally { store.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
            return CliRunner.Ok;
        });
        return command;
    }

    private static async Task Write(IStore store, QueryOptions options, ParseResult parse, ExportFormat format, IReadOnlyList<EventRow> events, bool withMentions)
    {
        if (format == ExportFormat.Table)
        {
            QueryOptions.WriteTable("events", ["id", "day", "cameo", "plover", "source", "target", "place", "mentions", "sources", "articles"],
                events.Select(e => new[]
                {
                    Cell.Of(e.Id), e.Day ?? "", e.Cameo, e.Plover ?? "", QueryOptions.Clip(e.SourceActor ?? e.SourceName, 20), QueryOptions.Clip(e.TargetActor ?? e.TargetName, 20),
                    QueryOptions.Clip(e.PlaceName, 20), Cell.Of(e.NumMentions), Cell.Of(e.NumSources), Cell.Of(e.NumArticles),
                }));
            return;
        }
        await using var output = options.OpenOutput(parse);
        var flat = events.Select(EventExport.From).ToList();
        switch (format)
        {
            case ExportFormat.Csv: await Exporter.WriteCsvAsync(output, flat); break;
            case ExportFormat.Parquet: await Exporter.WriteParquetAsync(output, flat); break;
            case ExportFormat.GeoJson: await Exporter.WriteGeoJsonAsync(output, flat, e => (e.Lat, e.Lon)); break;
            case ExportFormat.Gdelt:
            case ExportFormat.Phoenix:
                await using (var text = new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
                {
                    if (format == ExportFormat.Gdelt) EventTsv.WriteGdelt(text, events);
                    else EventTsv.WritePhoenix(text, events);
                }
                break;
            default:
                if (!withMentions) { await Exporter.WriteJsonLinesAsync(output, events); break; }
                foreach (var e in events)
                {
                    var m = await store.GetEventMentionsAsync(e.Id);
                    await Exporter.WriteJsonLinesAsync(output, [new { e.Id, Event = e, Mentions = m }]);
                }
                break;
        }
    }
}
