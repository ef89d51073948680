namespace Sitrep.Storage;

/// <summary>An analysed document to store, with what the ingester already computed off the writer thread.</summary>
public sealed record DocumentInput(Document Document)
{
    /// <summary><see cref="Storage.ContentHash.Of"/> of the text; computed by the store when null.</summary>
    public string? ContentHash { get; init; }
    /// <summary>MinHash signature of the text (<see cref="NearDuplicates.Signature"/>); computed by the store when null.</summary>
    public ulong[]? Signature { get; init; }
}

/// <summary>A raw input (a file, a feed item, a WARC record) that has been ingested completely: re-ingest skips it unread.</summary>
public sealed record SourceRecord(string Hash, string Source, int Documents);

/// <summary>What one transaction writes.</summary>
public sealed class WriteBatch
{
    public long? RunId { get; init; }
    public List<DocumentInput> Documents { get; } = [];
    public List<SourceRecord> Sources { get; } = [];
    public List<IngestError> Errors { get; } = [];
    public bool IsEmpty => Documents.Count == 0 && Sources.Count == 0 && Errors.Count == 0;
}

public enum AddOutcome : byte { Added, Duplicate }

/// <summary>
/// The result for one document: its id (the existing one for a duplicate), and its story: <see cref="NearDuplicateOf"/>
/// is the story's first document when the text is a near-duplicate of an earlier one.
/// </summary>
public sealed record AddResult(long DocumentId, AddOutcome Outcome, long StoryId, long? NearDuplicateOf);
