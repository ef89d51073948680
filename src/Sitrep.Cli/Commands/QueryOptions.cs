using System.CommandLine;
using System.Globalization;
using Sitrep.Storage;
using Sitrep.Storage.Export;
using Spectre.Console;

namespace Sitrep.Cli.Commands;

/// <summary>The filters and output options shared by `sitrep events|quotes|entities|documents|stats`; parsing only, the query runs in the store.</summary>
public sealed class QueryOptions
{
    public Option<string?> Db { get; } = DbOption.Create();
    public Option<string?> Actor { get; } = new("--actor") { Description = "CAMEO actor code prefix (source or target), e.g. IRQ or IRQMIL" };
    public Option<string?> Cameo { get; } = new("--cameo") { Description = "CAMEO event code prefix, e.g. 19 (fight) or 190" };
    public Option<string?> Plover { get; } = new("--plover") { Description = "PLOVER event type, e.g. ASSAULT" };
    public Option<string?> Place { get; } = new("--place") { Description = "Place name, or the name or ISO code of its country or first-level division" };
    public Option<string?> Near { get; } = new("--near") { Description = "LAT,LON,KM: within KM kilometres of a point" };
    public Option<string?> From { get; } = new("--from") { Description = "First day (YYYY-MM-DD), inclusive" };
    public Option<string?> To { get; } = new("--to") { Description = "Last day (YYYY-MM-DD), inclusive" };
    public Option<string?> Speaker { get; } = new("--speaker") { Description = "Quote speaker name (part of it)" };
    public Option<string?> Text { get; } = new("--text") { Description = "Full-text words (all must occur; stemmed)" };
    public Option<int?> Limit { get; } = new("--limit") { Description = "Most rows to return (default 100 for a table, all up to 1,000,000 otherwise)" };
    public Option<string?> Format { get; } = new("--format") { Description = "table, csv, jsonl, parquet, geojson (events, entities), gdelt or phoenix (events); default table on a terminal, else jsonl" };
    public Option<string?> Out { get; } = new("--out") { Description = "Write to this file instead of standard output" };

    public void AddTo(Command command, bool withFormat = true)
    {
        foreach (var o in new Option[] { Db, Actor, Cameo, Plover, Place, Near, From, To, Speaker, Text, Limit }) command.Options.Add(o);
        if (withFormat) { command.Options.Add(Format); command.Options.Add(Out); }
    }

    public StoreQuery Build(ParseResult parse, ExportFormat format)
    {
        var limit = parse.GetValue(Limit) ?? (format == ExportFormat.Table ? 100 : StoreQuery.MaxLimit);
        if (limit < 1 || limit > StoreQuery.MaxLimit) throw new UsageException($"--limit must be between 1 and {StoreQuery.MaxLimit}");
        GeoCircle? near = null;
        if (parse.GetValue(Near) is { } n)
        {
            try { near = GeoCircle.Parse(n); }
            catch (FormatException e) { throw new UsageException("--near: " + e.Message); }
        }
        return new StoreQuery
        {
            Actor = Blank(parse.GetValue(Actor)), Cameo = Blank(parse.GetValue(Cameo)), Plover = Blank(parse.GetValue(Plover)), Place = Blank(parse.GetValue(Place)),
            Near = near, From = Day(parse.GetValue(From), "--from"), To = Day(parse.GetValue(To), "--to"), Speaker = Blank(parse.GetValue(Speaker)),
            Text = Blank(parse.GetValue(Text)), Limit = limit,
        };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateOnly? Day(string? value, string option)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new UsageException($"{option}: '{value}' is not a date (YYYY-MM-DD)");
    }

    /// <summary>The output format: as given (checked against what this command supports), else table on a terminal and jsonl otherwise.</summary>
    public ExportFormat OutputFormat(ParseResult parse, string command, params ExportFormat[] allowed)
    {
        var value = parse.GetValue(Format);
        bool toFile = parse.GetValue(Out) is not null;
        ExportFormat format;
        if (value is null) format = Console.IsOutputRedirected || toFile ? ExportFormat.Jsonl : ExportFormat.Table;
        else
        {
            try { format = Exporter.ParseFormat(value); }
            catch (FormatException e) { throw new UsageException("--format: " + e.Message); }
        }
        if (!allowed.Contains(format))
            throw new UsageException($"--format {value}: {command} can be written as {string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant()))}");
        if (format == ExportFormat.Parquet && !toFile && !Console.IsOutputRedirected) throw new UsageException("--format parquet is binary: redirect the output or give --out FILE");
        return format;
    }

    /// <summary>Standard output or the --out file (its directory must exist).</summary>
    public Stream OpenOutput(ParseResult parse)
    {
        if (parse.GetValue(Out) is not { } path) return Console.OpenStandardOutput();
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null && !Directory.Exists(dir)) throw new SitrepInputException(path, $"the directory {dir} does not exist");
        try { return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16); }
        catch (UnauthorizedAccessException) { throw new SitrepInputException(path, "permission denied"); }
    }

    /// <summary>Writes rows as a Spectre table on standard output, or one line saying there are none.</summary>
    public static void WriteTable(string what, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in headers) table.AddColumn(new TableColumn(Markup.Escape(h)));
        int count = 0;
        foreach (var r in rows)
        {
            table.AddRow(r.Select(c => (Spectre.Console.Rendering.IRenderable)new Spectre.Console.Text(c)).ToArray());
            count++;
        }
        if (count == 0)
        {
            Console.WriteLine($"no {what} match");
            return;
        }
        AnsiConsole.Write(table);
        Console.WriteLine($"{count} {what}");
    }

    public static string Clip(string? s, int max) => s is null ? "" : s.Length <= max ? s : s[..(max - 1)] + "…";
}
