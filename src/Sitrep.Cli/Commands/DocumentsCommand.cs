using System.CommandLine;
using Sitrep.Json;
using Sitrep.Storage;
using Sitrep.Storage.Export;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep documents [filters] [--format …] [--id N]`: stored articles; with --id, one article as sitrep/1 JSON rebuilt from the store.</summary>
public static class DocumentsCommand
{
    public static Command Create()
    {
        var options = new QueryOptions();
        var id = new Option<long?>("--id") { Description = "Print one stored document as sitrep/1 JSON (annotations rebuilt from the store)" };
        var command = new Command("documents", "List stored articles (newest first), or print one");
        options.AddTo(command);
        command.Options.Add(id);
        command.SetAction(parse =>
        {
            var store = DbOption.OpenForQuery(parse.GetValue(options.Db));
            try
            {
                if (parse.GetValue(id) is { } one)
                {
                    var stored = store.GetDocumentAsync(one).GetAwaiter().GetResult() ?? throw new SitrepInputException(null, $"no document {one} in {store.Description}");
                    using var stdout = Console.OpenStandardOutput();
                    new DocumentJsonWriter(new JsonWriterOptions { Indented = true }).Write(stdout, stored.Document);
                    stdout.WriteByte((byte)'\n');
                    return CliRunner.Ok;
                }
                var format = options.OutputFormat(parse, "documents", ExportFormat.Table, ExportFormat.Csv, ExportFormat.Jsonl, ExportFormat.Parquet);
                var query = options.Build(parse, format);
                var documents = store.QueryDocumentsAsync(query).GetAwaiter().GetResult().Items;
                if (format == ExportFormat.Table)
                {
                    QueryOptions.WriteTable("documents", ["id", "published", "publisher", "title", "entities", "quotes", "events", "story"],
                        documents.Select(d => new[] { Cell.Of(d.Id), d.Published ?? "", QueryOptions.Clip(d.Publisher, 20), QueryOptions.Clip(d.Title ?? d.Source, 50), Cell.Of(d.Entities), Cell.Of(d.Quotes), Cell.Of(d.Events), Cell.Of(d.StoryId) }));
                    return CliRunner.Ok;
                }
                using var output = options.OpenOutput(parse);
                var flat = documents.Select(DocumentExport.From).ToList();
                (format switch
                {
                    ExportFormat.Csv => Exporter.WriteCsvAsync(output, flat),
                    ExportFormat.Parquet => Exporter.WriteParquetAsync(output, flat),
                    _ => Exporter.WriteJsonLinesAsync(output, documents),
                }).GetAwaiter().GetResult();
            }
            finally { store.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
            return CliRunner.Ok;
        });
        return command;
    }
}
