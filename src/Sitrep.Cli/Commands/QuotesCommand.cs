using System.CommandLine;
using Sitrep.Storage;
using Sitrep.Storage.Export;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep quotes [--speaker NAME] [--text WORDS] [filters] [--format …]`: who said what, from the store.</summary>
public static class QuotesCommand
{
    public static Command Create()
    {
        var options = new QueryOptions();
        var command = new Command("quotes", "List stored quotations with their speakers and articles");
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var format = options.OutputFormat(parse, "quotes", ExportFormat.Table, ExportFormat.Csv, ExportFormat.Jsonl, ExportFormat.Parquet);
            var query = options.Build(parse, format);
            var store = DbOption.OpenForQuery(parse.GetValue(options.Db));
            try
            {
                var quotes = store.QueryQuotesAsync(query).GetAwaiter().GetResult().Items;
                if (format == ExportFormat.Table)
                {
                    QueryOptions.WriteTable("quotes", ["doc", "published", "speaker", "kind", "quote"],
                        quotes.Select(q => new[] { Cell.Of(q.DocumentId), q.Published ?? "", QueryOptions.Clip(q.Speaker ?? q.SpeakerText, 24), q.Kind.ToString().ToLowerInvariant(), QueryOptions.Clip(q.Text, 80) }));
                    return CliRunner.Ok;
                }
                using var output = options.OpenOutput(parse);
                var flat = quotes.Select(QuoteExport.From).ToList();
                (format switch
                {
                    ExportFormat.Csv => Exporter.WriteCsvAsync(output, flat),
                    ExportFormat.Parquet => Exporter.WriteParquetAsync(output, flat),
                    _ => Exporter.WriteJsonLinesAsync(output, quotes),
                }).GetAwaiter().GetResult();
            }
            finally { store.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
            return CliRunner.Ok;
        });
        return command;
    }
}
