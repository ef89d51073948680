using Microsoft.Data.Sqlite;
using Sitrep.Storage.Sqlite;

namespace Sitrep.Storage.Tests;

/// <summary>The store suite on a real SQLite file, plus what only a file can get wrong.</summary>
public sealed class SqliteStoreTests : StoreSuite, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sitrep-store-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string NewPath() => Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db");

    protected override async Task<IStore> OpenEmptyAsync(StoreOptions? options = null) => await StoreFactory.OpenAsync(NewPath(), options, Ct);

    protected override async Task<IStore> ReopenAsync(IStore previous, StoreOptions? options = null) =>
        await StoreFactory.OpenAsync(((SqliteStore)previous).Path, options, Ct);

    protected override async Task ExecuteAsync(IStore store, string sql)
    {
        await using var c = new SqliteConnection("Data Source=" + ((SqliteStore)store).Path);
        await c.OpenAsync(Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(Ct);
    }

    protected override async Task SetSchemaVersionAsync(IStore store, int version)
    {
        await using var c = new SqliteConnection("Data Source=" + ((SqliteStore)store).Path);
        await c.OpenAsync(Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE sitrep_meta SET value = $v WHERE key = 'schema_version'";
        cmd.Parameters.AddWithValue("$v", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await cmd.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task Database_is_in_wal_mode_with_fts5_tables()
    {
        await using var store = (SqliteStore)await OpenEmptyAsync();
        await using var c = new SqliteConnection("Data Source=" + store.Path);
        await c.OpenAsync(Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync(Ct));
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('documents_fts', 'quotes_fts')";
        Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task Missing_directory_is_one_clear_error()
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => StoreFactory.OpenAsync(Path.Combine(_dir, "no-such-dir", "x.db"), null, Ct));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public async Task Corrupt_file_is_one_clear_error_and_is_left_untouched()
    {
        var path = NewPath();
        var junk = new byte[8192];
        new Random(7).NextBytes(junk);
        await File.WriteAllBytesAsync(path, junk, Ct);
        var e = await Assert.ThrowsAsync<StoreException>(() => StoreFactory.OpenAsync(path, null, Ct));
        Assert.Contains("not a database", e.Message);
        Assert.Equal(junk, await File.ReadAllBytesAsync(path, Ct));
    }

    [Fact]
    public async Task Read_only_file_refuses_writes_and_keeps_its_data()
    {
        // Root ignores file permissions, so SQLite's read-only mode stands in for a read-only file.
        var path = NewPath();
        await using (var store = await StoreFactory.OpenAsync(path, null, Ct)) await store.AddDocumentAsync(Fixtures.Meeting(), Ct);
        SqliteConnection.ClearAllPools();
        await using var ro = await SqliteStore.OpenAsync(path, new StoreOptions { ReadOnly = true }, Ct);
        var e = await Assert.ThrowsAsync<StoreException>(() => ro.AddDocumentAsync(Fixtures.Attack("Reuters"), Ct));
        Assert.Contains("readonly", e.Message.Replace("read-only", "readonly", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(1, (await ro.StatsAsync(null, Ct)).Documents);
    }
}
