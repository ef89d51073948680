using System.Globalization;

namespace Sitrep.Storage.Export;

// Flat rows for tabular exports (CSV, Parquet, tables): plain scalar properties, one column each, in this order.

public sealed class EventExport
{
    public long Id { get; set; }
    public string Day { get; set; } = "";
    public string Cameo { get; set; } = "";
    public string CameoRoot { get; set; } = "";
    public string? Plover { get; set; }
    public string? SourceActor { get; set; }
    public string? SourceName { get; set; }
    public string? TargetActor { get; set; }
    public string? TargetName { get; set; }
    public string? Place { get; set; }
    public string? CountryCode { get; set; }
    public string? Admin1 { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public long? GeonameId { get; set; }
    public int? Fatalities { get; set; }
    public int? Injured { get; set; }
    public int NumMentions { get; set; }
    public int NumSources { get; set; }
    public int NumArticles { get; set; }
    public string? Trigger { get; set; }
    public string? SourceUrl { get; set; }

    public static EventExport From(EventRow e) => new()
    {
        Id = e.Id, Day = e.Day ?? "", Cameo = e.Cameo, CameoRoot = e.CameoRoot, Plover = e.Plover, SourceActor = e.SourceActor, SourceName = e.SourceName,
        TargetActor = e.TargetActor, TargetName = e.TargetName, Place = e.PlaceName, CountryCode = e.CountryCode, Admin1 = e.Admin1, Lat = e.Lat, Lon = e.Lon,
        GeonameId = e.GeonameId, Fatalities = e.Fatalities, Injured = e.Injured, NumMentions = e.NumMentions, NumSources = e.NumSources,
        NumArticles = e.NumArticles, Trigger = e.Trigger, SourceUrl = e.SourceUrl,
    };
}

public sealed class QuoteExport
{
    public long DocumentId { get; set; }
    public string QuoteId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Speaker { get; set; }
    public string Text { get; set; } = "";
    public int Start { get; set; }
    public int End { get; set; }
    public string? Cue { get; set; }
    public bool Anonymous { get; set; }
    public string? Published { get; set; }
    public string? Title { get; set; }
    public string? Source { get; set; }

    public static QuoteExport From(QuoteRow q) => new()
    {
        DocumentId = q.DocumentId, QuoteId = q.QuoteId, Kind = q.Kind.ToString().ToLowerInvariant(), Speaker = q.Speaker ?? q.SpeakerText, Text = q.Text,
        Start = q.Start, End = q.End, Cue = q.Cue, Anonymous = q.Anonymous, Published = q.Published, Title = q.Title, Source = q.Source,
    };
}

public sealed class EntityExport
{
    public string Type { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Country { get; set; }
    public string? Actor { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public long? GeonameId { get; set; }
    public string? CountryCode { get; set; }
    public int Documents { get; set; }
    public int Mentions { get; set; }

    public static EntityExport From(EntityRow e) => new()
    {
        Type = e.Type.ToString(), Name = e.Name, Country = e.Country, Actor = e.Actor, Lat = e.Lat, Lon = e.Lon, GeonameId = e.GeonameId,
        CountryCode = e.CountryCode, Documents = e.Documents, Mentions = e.Mentions,
    };
}

public sealed class DocumentExport
{
    public long Id { get; set; }
    public long StoryId { get; set; }
    public string? Published { get; set; }
    public string? Publisher { get; set; }
    public string? Title { get; set; }
    public string? Url { get; set; }
    public string? Source { get; set; }
    public int Characters { get; set; }
    public int Entities { get; set; }
    public int Quotes { get; set; }
    public int Events { get; set; }
    public string ContentHash { get; set; } = "";
    public string Ingested { get; set; } = "";

    public static DocumentExport From(DocumentRow d) => new()
    {
        Id = d.Id, StoryId = d.StoryId, Published = d.Published, Publisher = d.Publisher, Title = d.Title, Url = d.Url, Source = d.Source,
        Characters = d.Characters, Entities = d.Entities, Quotes = d.Quotes, Events = d.Events, ContentHash = d.ContentHash, Ingested = d.Ingested,
    };
}

/// <summary>Cell text for tables and TSV: invariant culture, empty for null.</summary>
public static class Cell
{
    public static string Of(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.#####", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
