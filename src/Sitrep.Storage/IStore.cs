namespace Sitrep.Storage;

/// <summary>
/// A Sitrep store: analysed documents with their annotations, deduplicated events, ingestion runs and errors.
/// One interface, two real databases (<see cref="Sqlite.SqliteStore"/>, <see cref="Postgres.PostgresStore"/>);
/// open one with <see cref="StoreFactory.OpenAsync"/>. Every call is async and cancellable. An instance may be used
/// from several threads for reads; writes are serialised by the instance.
/// Database problems (unreachable server, corrupt or read-only file, newer schema) throw <see cref="StoreException"/>.
/// </summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>"sqlite:/path/sitrep.db" or "postgres://user@host:port/db" (never the password).</summary>
    string Description { get; }

    /// <summary>The schema version of the open database (after migrations).</summary>
    int SchemaVersion { get; }

    // ---- writing -------------------------------------------------------------------------------------------------

    /// <summary>Stores one analysed document in its own transaction (content-hash idempotent).</summary>
    Task<AddResult> AddDocumentAsync(Document document, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a batch in ONE transaction: documents (each whole or not at all), finished sources and errors.
    /// Documents whose content hash is already stored are not added again (<see cref="AddOutcome.Duplicate"/>).
    /// </summary>
    Task<IReadOnlyList<AddResult>> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default);

    /// <summary>True when a raw input (file, feed, WARC record) with this hash was completely ingested before.</summary>
    Task<bool> HasSourceAsync(string sourceHash, CancellationToken cancellationToken = default);

    /// <summary>The id of the stored document with this content hash (<see cref="ContentHash.Of"/> of its text), if any.</summary>
    Task<long?> FindDocumentAsync(string contentHash, CancellationToken cancellationToken = default);

    /// <summary>Opens an ingestion run; its id goes into <see cref="WriteBatch.RunId"/>.</summary>
    Task<long> BeginRunAsync(string arguments, CancellationToken cancellationToken = default);

    Task EndRunAsync(long runId, RunTotals totals, CancellationToken cancellationToken = default);

    // ---- reading -------------------------------------------------------------------------------------------------

    /// <summary>Deduplicated events (one row per cross-article event), newest first, paged by <see cref="StoreQuery.Cursor"/>.</summary>
    Task<Page<EventRow>> QueryEventsAsync(StoreQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every mention of one deduplicated event, with its evidence (document, sentence, trigger offsets).</summary>
    Task<IReadOnlyList<EventMentionRow>> GetEventMentionsAsync(long eventId, CancellationToken cancellationToken = default);

    Task<Page<QuoteRow>> QueryQuotesAsync(StoreQuery query, CancellationToken cancellationToken = default);

    /// <summary>Entities aggregated over documents by type and name.</summary>
    Task<Page<EntityRow>> QueryEntitiesAsync(StoreQuery query, CancellationToken cancellationToken = default);

    Task<Page<DocumentRow>> QueryDocumentsAsync(StoreQuery query, CancellationToken cancellationToken = default);

    /// <summary>A stored document with its text, metadata and annotations rebuilt (no tokens), or null.</summary>
    Task<StoredDocument?> GetDocumentAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Totals and counts per day, per CAMEO root and per country (of events), optionally filtered.</summary>
    Task<StoreStats> StatsAsync(StoreQuery? query = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IngestRun>> RunsAsync(int limit = 20, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IngestError>> ErrorsAsync(long? runId = null, int limit = 100, CancellationToken cancellationToken = default);
}
