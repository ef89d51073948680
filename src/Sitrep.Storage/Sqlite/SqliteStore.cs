using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Sitrep.Storage.Sql;

namespace Sitrep.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never block the writer), FTS5 full-text tables over
/// article and quote text (porter stemming), B-tree indexes on place keys, days and lat/lon.
/// </summary>
public sealed class SqliteStore : SqlStore
{
    private readonly string _connectionString;

    private SqliteStore(string path, StoreOptions options) : base("sqlite:" + path, options)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public static async Task<SqliteStore> OpenAsync(string path, StoreOptions options, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (Directory.Exists(full)) throw new StoreException($"sqlite:{path}: is a directory, not a database file");
        if (dir is not null && !Directory.Exists(dir)) throw new StoreException($"sqlite:{path}: the directory {dir} does not exist");
        if (options.ReadOnly && !File.Exists(full)) throw new StoreException($"sqlite:{path}: no such database file");
        var store = new SqliteStore(path, options);
        try
        {
            if (!options.ReadOnly) await store.InitializeAsync(ct).ConfigureAwait(false);
            else await store.CheckVersionAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return store;
    }

    private async Task CheckVersionAsync(CancellationToken ct)
    {
        await GuardAsync(async () =>
        {
            await using var c = await OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (var probe = Command(c, null, $"SELECT count(*) FROM sqlite_master WHERE name = '{Schema.MetaTable}'"))
                if (Convert.ToInt64(await probe.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
                    throw new StoreException($"{Description}: not a Sitrep store (an SQLite database without the {Schema.MetaTable} table)");
            await using var cmd = Command(c, null, $"SELECT value FROM {Schema.MetaTable} WHERE key = 'schema_version'");
            var v = int.Parse((string?)await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            if (v > Schema.Version)
                throw new StoreException($"{Description}: the database has schema version {v}, newer than this sitrep knows ({Schema.Version}); use a newer sitrep");
            if (v < Schema.Version)
                throw new StoreException($"{Description}: the database has schema version {v}; open it for writing once (sitrep ingest) to migrate it to {Schema.Version}") { OlderSchema = true };
        }).ConfigureAwait(false);
    }

    private protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        try
        {
            await c.OpenAsync(ct).ConfigureAwait(false);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = Options.ReadOnly
                ? "PRAGMA busy_timeout = 30000;"
                : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA cache_size = -65536;";
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return c;
        }
        catch
        {
            await c.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        // Microsoft.Data.Sqlite begins IMMEDIATE (a write lock up front) unless asked for deferred.
        await Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false)).ConfigureAwait(false);

    private protected override string Substitute(string ddl) => ddl
        .Replace("{serial}", "INTEGER PRIMARY KEY", StringComparison.Ordinal)
        .Replace("{id}", "INTEGER PRIMARY KEY", StringComparison.Ordinal)
        .Replace("{real}", "REAL", StringComparison.Ordinal)
        .Replace("{blob}", "BLOB", StringComparison.Ordinal);

    private protected override IEnumerable<string> DialectMigration(int version)
    {
        if (version == 1)
        {
            yield return "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', tokenize='porter unicode61')";
            yield return "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='', tokenize='porter unicode61')";
        }
    }

    private protected override async Task<long[]> AllocateDocumentIdsAsync(DbConnection c, DbTransaction tx, int count, CancellationToken ct)
    {
        // Inside an IMMEDIATE transaction nobody else can insert: max(id) + 1 … is ours.
        long max = await ScalarLongAsync(c, tx, "SELECT coalesce(max(id), 0) FROM documents", ct).ConfigureAwait(false);
        var ids = new long[count];
        for (int i = 0; i < count; i++) ids[i] = max + 1 + i;
        return ids;
    }

    private protected override async Task WriteRowsAsync(DbConnection c, DbTransaction tx, RowSet rows, CancellationToken ct)
    {
        foreach (var (table, list) in rows.Tables)
        {
            var sql = new StringBuilder("INSERT INTO ").Append(table.Name).Append(" (");
            for (int i = 0; i < table.Columns.Length; i++) sql.Append(i > 0 ? ", " : "").Append(table.Columns[i].Name);
            sql.Append(") VALUES (");
            for (int i = 0; i < table.Columns.Length; i++) sql.Append(i > 0 ? ", " : "").Append("@p").Append(i);
            sql.Append(')');
            await using var cmd = (SqliteCommand)c.CreateCommand();
            cmd.Transaction = (SqliteTransaction)tx;
            cmd.CommandText = sql.ToString();
            var parameters = new SqliteParameter[table.Columns.Length];
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] = cmd.CreateParameter();
                parameters[i].ParameterName = "@p" + i;
                parameters[i].SqliteType = table.Columns[i].Type switch
                {
                    ColumnType.Int64 => SqliteType.Integer,
                    ColumnType.Double => SqliteType.Real,
                    ColumnType.Bytes => SqliteType.Blob,
                    _ => SqliteType.Text,
                };
                cmd.Parameters.Add(parameters[i]);
            }
            cmd.Prepare();
            foreach (var row in list)
            {
                for (int i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
                await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private protected override bool WritesFullTextRows => true;

    private protected override string DocumentTextMatch(string alias) => $"{alias}.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @text)";

    private protected override string QuoteTextMatch(string alias) =>
        $"({alias}.document_id * {Schema.QuoteRowidFactor} + {alias}.ord) IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH @text)";

    /// <summary>Each word becomes a quoted FTS5 string, so user input never reaches FTS5's query syntax; the words are ANDed.</summary>
    private protected override string FullTextParameter(string query)
    {
        var sb = new StringBuilder();
        foreach (var word in Words(query))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append('"').Append(word).Append('"');
        }
        if (sb.Length == 0) throw new StoreQueryException("--text needs at least one word");
        return sb.ToString();
    }

    internal static IEnumerable<string> Words(string query)
    {
        var sb = new StringBuilder();
        foreach (var ch in query)
        {
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0) { yield return sb.ToString(); sb.Clear(); }
        }
        if (sb.Length > 0) yield return sb.ToString();
    }

    private protected override string Least => "min";

    private protected override StoreException MapException(Exception e) => e switch
    {
        SqliteException s => new StoreException($"{Description}: {Clean(s.Message)}", e),
        _ => new StoreException($"{Description}: {e.Message}", e),
    };

    private static string Clean(string message)
    {
        // "SQLite Error 26: 'file is not a database'." -> "file is not a database"
        int q = message.IndexOf('\'', StringComparison.Ordinal);
        int last = message.LastIndexOf('\'');
        return q >= 0 && last > q ? message[(q + 1)..last] : message;
    }

    public override async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
