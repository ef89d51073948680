using System.CommandLine;
using System.Text.Json;
using Sitrep.Storage;
using Sitrep.Storage.Export;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep stats [event filters] [--json]`: store totals and event counts per day, per CAMEO root and per country.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var options = new QueryOptions();
        var json = new Option<bool>("--json") { Description = "One JSON object instead of tables" };
        var command = new Command("stats", "Counts in the store: documents, stories, entities, quotes, events; events per day, CAMEO root and country");
        options.AddTo(command, withFormat: false);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var query = options.Build(parse, ExportFormat.Jsonl);
            var store = DbOption.OpenForQuery(parse.GetValue(options.Db));
            try
            {
                var s = store.StatsAsync(query).GetAwaiter().GetResult();
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(s, Exporter.Json));
                    return CliRunner.Ok;
                }
                Console.WriteLine($"{store.Description}: {s.Documents} documents in {s.Stories} stories, {s.Entities} entities, {s.Quotes} quotes, " +
                                  $"{s.Events} events from {s.EventMentions} mentions; {s.Runs} ingestion runs, {s.Errors} errors");
                Section("events per day", s.EventsPerDay);
                Section("events per CAMEO root", s.EventsPerCameoRoot);
                Section("events per country", s.EventsPerCountry.Select(p => new KeyValuePair<string, long>(p.Key.Length == 0 ? "(unknown)" : p.Key, p.Value)).ToList());
                Section("documents per publication day", s.DocumentsPerDay.Select(p => new KeyValuePair<string, long>(p.Key.Length == 0 ? "(undated)" : p.Key, p.Value)).ToList());
            }
            finally { store.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
            return CliRunner.Ok;
        });
        return command;
    }

    private static void Section(string title, IReadOnlyList<KeyValuePair<string, long>> rows)
    {
        Console.WriteLine();
        Console.WriteLine(title + ":");
        if (rows.Count == 0) Console.WriteLine("  (none)");
        foreach (var (k, v) in rows) Console.WriteLine($"  {k,-12} {v,8}");
    }
}
