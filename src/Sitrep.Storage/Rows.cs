namespace Sitrep.Storage;

// What the store returns. Plain immutable records: the CLI, exporters and the HTTP server serialize them.
// Days are "YYYY-MM-DD" strings, timestamps ISO 8601 UTC strings, so both databases return identical values.

/// <summary>A stored document without its annotations.</summary>
public sealed record DocumentRow
{
    public required long Id { get; init; }
    /// <summary>Id of the first document of its story: near-duplicates (syndicated copies) share it.</summary>
    public required long StoryId { get; init; }
    public required string ContentHash { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }
    /// <summary>Publication date or date-time (ISO 8601), as the article gave it.</summary>
    public string? Published { get; init; }
    public int Characters { get; init; }
    public int Entities { get; init; }
    public int Quotes { get; init; }
    public int Events { get; init; }
    public required string Ingested { get; init; }
}

/// <summary>One deduplicated event: every mention with the same key (see <see cref="EventKeyRule"/>) from any article.</summary>
public sealed record EventRow
{
    public required long Id { get; init; }
    public required string Key { get; init; }
    public required string Cameo { get; init; }
    public required string CameoRoot { get; init; }
    public string? Plover { get; init; }
    public string? SourceActor { get; init; }
    public string? TargetActor { get; init; }
    public string? SourceName { get; init; }
    public string? TargetName { get; init; }
    /// <summary>The event's day: its own date when the coder resolved one, else the article's publication day.</summary>
    public string? Day { get; init; }
    public string? PlaceName { get; init; }
    /// <summary>ISO 3166-1 alpha-2 of the place.</summary>
    public string? CountryCode { get; init; }
    public string? Admin1 { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public long? GeonameId { get; init; }
    public int? Fatalities { get; init; }
    public int? Injured { get; init; }
    public int NumMentions { get; init; }
    /// <summary>Distinct publishers (or, without one, source hosts/folders) reporting it, as GDELT's NumSources.</summary>
    public int NumSources { get; init; }
    /// <summary>Distinct articles reporting it, as GDELT's NumArticles.</summary>
    public int NumArticles { get; init; }
    public long FirstDocumentId { get; init; }
    /// <summary>Trigger text of the first mention.</summary>
    public string? Trigger { get; init; }
    public string? SourceUrl { get; init; }
}

/// <summary>One event as coded in one article, with its evidence.</summary>
public sealed record EventMentionRow
{
    public required long EventId { get; init; }
    public required long DocumentId { get; init; }
    /// <summary>The event's id inside its document ("ev1").</summary>
    public required string LocalId { get; init; }
    public required string Cameo { get; init; }
    public string? Plover { get; init; }
    public string? SourceEntity { get; init; }
    public string? TargetEntity { get; init; }
    public string? SourceName { get; init; }
    public string? TargetName { get; init; }
    public string? SourceActor { get; init; }
    public string? TargetActor { get; init; }
    public string? Date { get; init; }
    public string? PlaceEntity { get; init; }
    public string? PlaceName { get; init; }
    public int? Fatalities { get; init; }
    public int? Injured { get; init; }
    public int Sentence { get; init; }
    public required int TriggerStart { get; init; }
    public required int TriggerEnd { get; init; }
    public required string TriggerText { get; init; }
    public bool Negated { get; init; }
    public Modality Modality { get; init; }
    public string? QuoteId { get; init; }
    public string? Publisher { get; init; }
    public string? Url { get; init; }
    public string? DocumentSource { get; init; }
    public string? Published { get; init; }
}

public sealed record QuoteRow
{
    public required long DocumentId { get; init; }
    public required string QuoteId { get; init; }
    public required QuoteKind Kind { get; init; }
    public required string Text { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }
    public string? SpeakerEntity { get; init; }
    /// <summary>The speaker's entity name when linked, else the words that introduce them.</summary>
    public string? Speaker { get; init; }
    public string? SpeakerText { get; init; }
    public string? Cue { get; init; }
    public bool Anonymous { get; init; }
    public string? Published { get; init; }
    public string? Title { get; init; }
    public string? Source { get; init; }
}

/// <summary>An entity aggregated over documents (same type and name).</summary>
public sealed record EntityRow
{
    public required EntityType Type { get; init; }
    public required string Name { get; init; }
    public string? Country { get; init; }
    public string? Actor { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public long? GeonameId { get; init; }
    public string? CountryCode { get; init; }
    public int Documents { get; init; }
    public int Mentions { get; init; }
}

/// <summary>A document as stored, its annotations rebuilt on a <see cref="Sitrep.Document"/> (no tokens or sentences).</summary>
public sealed record StoredDocument
{
    public required DocumentRow Info { get; init; }
    public required Document Document { get; init; }
    /// <summary>Ids of the documents of the same story (near-duplicates), this one included.</summary>
    public required IReadOnlyList<long> Story { get; init; }
    /// <summary>For each event of the document (by its local id), the id of its deduplicated event.</summary>
    public required IReadOnlyDictionary<string, long> EventIds { get; init; }
}

public sealed record StoreStats
{
    public long Documents { get; init; }
    public long Stories { get; init; }
    public long Entities { get; init; }
    public long Quotes { get; init; }
    public long Events { get; init; }
    public long EventMentions { get; init; }
    public long Runs { get; init; }
    public long Errors { get; init; }
    /// <summary>Deduplicated events per day, oldest first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> EventsPerDay { get; init; } = [];
    /// <summary>Documents per publication day, oldest first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> DocumentsPerDay { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, long>> EventsPerCameoRoot { get; init; } = [];
    /// <summary>Events per place country (ISO alpha-2; "" when unknown), most first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> EventsPerCountry { get; init; } = [];
}

public sealed record IngestRun
{
    public required long Id { get; init; }
    public required string Started { get; init; }
    public string? Finished { get; init; }
    public string? Arguments { get; init; }
    public required string Status { get; init; }
    public long Added { get; init; }
    public long Skipped { get; init; }
    public long Failed { get; init; }
}

/// <summary>A document or input that failed during a run: which, why, when.</summary>
public sealed record IngestError
{
    public long Id { get; init; }
    public long? RunId { get; init; }
    public required string Source { get; init; }
    public required string Reason { get; init; }
    public string? At { get; init; }
}

/// <summary>How a run ended. <see cref="Status"/>: "completed", "failed" (some documents failed) or "cancelled".</summary>
public sealed record RunTotals(long Added, long Skipped, long Failed, string Status);
