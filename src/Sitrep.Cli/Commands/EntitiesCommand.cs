using System.CommandLine;
using Sitrep.Storage;
using Sitrep.Storage.Export;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep entities [filters] [--format …]`: people, organisations and places, aggregated over the stored articles.</summary>
public static class EntitiesCommand
{
    public static Command Create()
    {
        var options = new QueryOptions();
        var command = new Command("entities", "List entities by the number of articles that mention them");
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var format = options.OutputFormat(parse, "entities", ExportFormat.Table, ExportFormat.Csv, ExportFormat.Jsonl, ExportFormat.Parquet, ExportFormat.GeoJson);
            var query = options.Build(parse, format);
            var store = DbOption.OpenForQuery(parse.GetValue(options.Db));
            try
            {
                var entities = store.QueryEntitiesAsync(query).GetAwaiter().GetResult().Items;
                if (format == ExportFormat.Table)
                {
                    QueryOptions.WriteTable("entities", ["type", "name", "country", "actor", "articles", "mentions"],
                        entities.Select(e => new[] { e.Type.ToString(), QueryOptions.Clip(e.Name, 40), e.Country ?? e.CountryCode ?? "", e.Actor ?? "", Cell.Of(e.Documents), Cell.Of(e.Mentions) }));
                    return CliRunner.Ok;
                }
                using var output = options.OpenOutput(parse);
                var flat = entities.Select(EntityExport.From).ToList();
                (format switch
                {
                    ExportFormat.Csv => Exporter.WriteCsvAsync(output, flat),
                    ExportFormat.Parquet => Exporter.WriteParquetAsync(output, flat),
                    ExportFormat.GeoJson => Exporter.WriteGeoJsonAsync(output, flat, e => (e.Lat, e.Lon)),
                    _ => Exporter.WriteJsonLinesAsync(output, entities),
                }).GetAwaiter().GetResult();
            }
            finally { store.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
            return CliRunner.Ok;
        });
        return command;
    }
}
