using System.CommandLine;
using Sitrep.Storage;

namespace Sitrep.Cli.Commands;

/// <summary>The --db option every store command shares: a SQLite file (default ./sitrep.db, or SITREP_DB) or a postgres:// URL.</summary>
public static class DbOption
{
    public static Option<string?> Create() => new("--db")
    {
        Description = $"Store: a SQLite file (default ./{StoreFactory.DefaultFile}, or ${StoreFactory.EnvironmentVariable}) or postgres://user@host:port/database (password from PGPASSWORD)",
    };

    /// <summary>Opens the store; Ctrl-C during the open cancels it. Store problems surface as StoreException (exit 1).</summary>
    public static IStore Open(string? db, StoreOptions? options = null, CancellationToken ct = default) =>
        StoreFactory.OpenAsync(db, options, ct).GetAwaiter().GetResult();

    /// <summary>
    /// Opens a store for reading: an existing SQLite file read-only (so a read-only file or one another process is
    /// writing can be queried); a missing one is created empty, so queries on a fresh clone print an empty result. A file
    /// of an older schema (written by an earlier sitrep) is opened for writing once, which migrates it; when that is not
    /// possible (a read-only file) the read-only open's message stands.
    /// </summary>
    public static IStore OpenForQuery(string? db)
    {
        var spec = StoreFactory.Resolve(db);
        bool existingFile = !StoreFactory.IsPostgres(spec) && File.Exists(spec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? spec[7..] : spec);
        try
        {
            return Open(db, new StoreOptions { ReadOnly = existingFile });
        }
        catch (StoreException older) when (older.OlderSchema)
        {
            try { return Open(db); }
            catch (StoreException) { throw older; }
        }
    }
}
