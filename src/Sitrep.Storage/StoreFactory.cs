using Sitrep.Storage.Postgres;
using Sitrep.Storage.Sqlite;

namespace Sitrep.Storage;

/// <summary>Opens the store a <c>--db</c> value names: a file path (SQLite) or a postgres:// URL (PostgreSQL).</summary>
public static class StoreFactory
{
    public const string EnvironmentVariable = "SITREP_DB";
    public const string DefaultFile = "sitrep.db";

    /// <summary>The store to use: the explicit value, else <c>SITREP_DB</c>, else <c>./sitrep.db</c>.</summary>
    public static string Resolve(string? db)
    {
        if (!string.IsNullOrWhiteSpace(db)) return db.Trim();
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(env) ? DefaultFile : env.Trim();
    }

    public static bool IsPostgres(string spec) =>
        spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens (creating and migrating when needed) the store; throws <see cref="StoreException"/> with one readable line.</summary>
    public static async Task<IStore> OpenAsync(string? db, StoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        var spec = Resolve(db);
        options ??= StoreOptions.Default;
        if (IsPostgres(spec)) return await PostgresStore.OpenAsync(spec, options, cancellationToken).ConfigureAwait(false);
        if (spec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) spec = spec["sqlite:".Length..];
        return await SqliteStore.OpenAsync(spec, options, cancellationToken).ConfigureAwait(false);
    }
}
