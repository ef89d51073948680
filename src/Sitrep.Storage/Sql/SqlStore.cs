using System.Data.Common;
using System.Globalization;

namespace Sitrep.Storage.Sql;

/// <summary>
/// What SQLite and PostgreSQL share: the schema and migrations, the document writer (near-duplicate stories,
/// cross-article event deduplication) and the queries. Dialects supply connections, id allocation, the bulk row
/// writer and full-text search. Writes are serialised by one semaphore; reads open their own connections.
/// </summary>
public abstract partial class SqlStore : IStore
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly StoreOptions _options;
    private EventKeyRule _eventKey;

    private protected SqlStore(string description, StoreOptions options)
    {
        Description = description;
        _options = options;
        _eventKey = options.EventKey;
    }

    public string Description { get; }
    public int SchemaVersion { get; private set; }

    /// <summary>The event deduplication rule this store was created with.</summary>
    public EventKeyRule EventKey => _eventKey;

    private protected StoreOptions Options => _options;

    // ---- dialect ---------------------------------------------------------------------------------------------------

    private protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken ct);
    private protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);
    private protected abstract string Substitute(string ddl);
    private protected abstract IEnumerable<string> DialectMigration(int version);
    /// <summary>Serialises concurrent migrators (PostgreSQL advisory lock); SQLite's write transaction already does.</summary>
    private protected virtual Task LockForMigrationAsync(DbConnection c, DbTransaction tx, CancellationToken ct) => Task.CompletedTask;
    private protected abstract Task<long[]> AllocateDocumentIdsAsync(DbConnection c, DbTransaction tx, int count, CancellationToken ct);
    private protected abstract Task WriteRowsAsync(DbConnection c, DbTransaction tx, RowSet rows, CancellationToken ct);
    /// <summary>True when full-text rows are written to separate tables (SQLite FTS5); PostgreSQL indexes expressions.</summary>
    private protected abstract bool WritesFullTextRows { get; }
    /// <summary>A condition true when document <paramref name="idColumn"/> matches the full-text parameter @text.</summary>
    private protected abstract string DocumentTextMatch(string alias);
    private protected abstract string QuoteTextMatch(string alias);
    /// <summary>The full-text parameter value for a user query (words ANDed).</summary>
    private protected abstract string FullTextParameter(string query);
    /// <summary>Scalar minimum of two values (SQLite min, PostgreSQL least).</summary>
    private protected abstract string Least { get; }
    private protected abstract StoreException MapException(Exception e);

    // ---- opening ---------------------------------------------------------------------------------------------------

    /// <summary>Creates the meta table, applies missing migrations in one transaction, refuses a newer schema.</summary>
    private protected async Task InitializeAsync(CancellationToken ct)
    {
        await GuardAsync(async () =>
        {
            await using var c = await OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var tx = await BeginWriteAsync(c, ct).ConfigureAwait(false);
            await LockForMigrationAsync(c, tx, ct).ConfigureAwait(false);
            await ExecAsync(c, tx, $"CREATE TABLE IF NOT EXISTS {Schema.MetaTable} (key TEXT PRIMARY KEY, value TEXT NOT NULL)", ct).ConfigureAwait(false);
            int version = int.Parse(await MetaAsync(c, tx, "schema_version", ct).ConfigureAwait(false) ?? "0", CultureInfo.InvariantCulture);
            if (version > Schema.Version)
                throw new StoreException($"{Description}: the database has schema version {version}, newer than this sitrep knows ({Schema.Version}); use a newer sitrep");
            for (int v = version + 1; v <= Schema.Version; v++)
            {
                foreach (var statement in Schema.Migrations[v - 1]) await ExecAsync(c, tx, Substitute(statement), ct).ConfigureAwait(false);
                foreach (var statement in DialectMigration(v)) await ExecAsync(c, tx, statement, ct).ConfigureAwait(false);
                await SetMetaAsync(c, tx, "schema_version", v.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            }
            var storedKey = await MetaAsync(c, tx, "event_key", ct).ConfigureAwait(false);
            if (storedKey is null) await SetMetaAsync(c, tx, "event_key", _eventKey.ToString(), ct).ConfigureAwait(false);
            else _eventKey = EventKeyRule.Parse(storedKey);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            SchemaVersion = Schema.Version;
        }).ConfigureAwait(false);
    }

    private static async Task<string?> MetaAsync(DbConnection c, DbTransaction? tx, string key, CancellationToken ct)
    {
        await using var cmd = Command(c, tx, $"SELECT value FROM {Schema.MetaTable} WHERE key = @k", ("@k", key));
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    private static async Task SetMetaAsync(DbConnection c, DbTransaction tx, string key, string value, CancellationToken ct)
    {
        await using var cmd = Command(c, tx,
            $"INSERT INTO {Schema.MetaTable} (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ("@k", key), ("@v", value));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private protected static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters) AddParameter(cmd, name, value);
        return cmd;
    }

    private protected static void AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    private protected static async Task ExecAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(c, tx, sql, parameters);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private protected static async Task<long> ScalarLongAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(c, tx, sql, parameters);
        var value = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Runs an operation, turning provider exceptions into one-line <see cref="StoreException"/>s.</summary>
    private protected async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw MapException(e);
        }
    }

    private protected Task GuardAsync(Func<Task> operation) => GuardAsync<bool>(async () => { await operation().ConfigureAwait(false); return true; });

    private protected static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public virtual async ValueTask DisposeAsync()
    {
        _writeLock.Dispose();
        await Task.CompletedTask.ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    // ---- runs, sources ---------------------------------------------------------------------------------------------

    public Task<long> BeginRunAsync(string arguments, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await BeginWriteAsync(c, cancellationToken).ConfigureAwait(false);
            long id = await ScalarLongAsync(c, tx, "INSERT INTO runs (started, arguments, status) VALUES (@s, @a, 'running') RETURNING id",
                cancellationToken, ("@s", Now()), ("@a", arguments)).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return id;
        }
        finally { _writeLock.Release(); }
    });

    public Task EndRunAsync(long runId, RunTotals totals, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(totals);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await BeginWriteAsync(c, cancellationToken).ConfigureAwait(false);
            await ExecAsync(c, tx, "UPDATE runs SET finished = @f, status = @s, added = @a, skipped = @k, failed = @e WHERE id = @id", cancellationToken,
                ("@f", Now()), ("@s", totals.Status), ("@a", totals.Added), ("@k", totals.Skipped), ("@e", totals.Failed), ("@id", runId)).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally { _writeLock.Release(); }
    });

    public Task<bool> HasSourceAsync(string sourceHash, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarLongAsync(c, null, "SELECT count(*) FROM sources WHERE hash = @h", cancellationToken, ("@h", sourceHash)).ConfigureAwait(false) > 0;
    });

    public Task<long?> FindDocumentAsync(string contentHash, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, "SELECT id FROM documents WHERE content_hash = @h", ("@h", contentHash));
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? (long?)null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    });

    public Task<IReadOnlyList<IngestRun>> RunsAsync(int limit = 20, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, "SELECT id, started, finished, arguments, status, added, skipped, failed FROM runs ORDER BY id DESC LIMIT @n", ("@n", (long)limit));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<IngestRun>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new IngestRun
            {
                Id = r.GetInt64(0), Started = r.GetString(1), Finished = Str(r, 2), Arguments = Str(r, 3), Status = r.GetString(4),
                Added = r.GetInt64(5), Skipped = r.GetInt64(6), Failed = r.GetInt64(7),
            });
        return (IReadOnlyList<IngestRun>)list;
    });

    public Task<IReadOnlyList<IngestError>> ErrorsAsync(long? runId = null, int limit = 100, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var sql = "SELECT id, run_id, source, reason, at FROM errors" + (runId is null ? "" : " WHERE run_id = @r") + " ORDER BY id LIMIT @n";
        await using var cmd = Command(c, null, sql, ("@n", (long)limit));
        if (runId is { } rid) AddParameter(cmd, "@r", rid);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<IngestError>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new IngestError { Id = r.GetInt64(0), RunId = r.IsDBNull(1) ? null : r.GetInt64(1), Source = r.GetString(2), Reason = r.GetString(3), At = Str(r, 4) });
        return (IReadOnlyList<IngestError>)list;
    });

    private protected static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private protected static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    private protected static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : checked((int)r.GetInt64(i));
    private protected static double? Dbl(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
