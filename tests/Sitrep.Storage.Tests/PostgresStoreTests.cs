using Npgsql;
using Sitrep.Storage.Postgres;

namespace Sitrep.Storage.Tests;

/// <summary>
/// The store suite on a real PostgreSQL server named by SITREP_TEST_PG (postgres://user:password@host:port/db); each test
/// gets a database of its own. Without SITREP_TEST_PG the tests skip with a message, except under CI=true, where they fail.
/// </summary>
public sealed class PostgresStoreTests : StoreSuite, IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private readonly Dictionary<IStore, string> _urls = [];

    internal static string Server()
    {
        var url = Environment.GetEnvironmentVariable("SITREP_TEST_PG");
        if (!string.IsNullOrWhiteSpace(url)) return url;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail("SITREP_TEST_PG is not set under CI=true: .ci/run must start PostgreSQL and export it");
        Assert.Skip("PostgreSQL tests skipped: set SITREP_TEST_PG=postgres://user:password@host:port/db (.ci/postgres.sh starts a temporary server)");
        return "";
    }

    internal static async Task<string> CreateDatabaseAsync(List<string> created)
    {
        var server = Server();
        var (cs, _) = PostgresStore.ParseUrl(server);
        var name = "sitrep_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var c = new NpgsqlConnection(cs))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        created.Add(name);
        var uri = new UriBuilder(server) { Path = "/" + name };
        return uri.Uri.ToString();
    }

    internal static async Task DropDatabasesAsync(List<string> created)
    {
        if (created.Count == 0) return;
        var (cs, _) = PostgresStore.ParseUrl(Environment.GetEnvironmentVariable("SITREP_TEST_PG")!);
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        foreach (var name in created)
        {
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await DropDatabasesAsync(_databases);

    protected override async Task<IStore> OpenEmptyAsync(StoreOptions? options = null)
    {
        var url = await CreateDatabaseAsync(_databases);
        var store = await StoreFactory.OpenAsync(url, options, Ct);
        _urls[store] = url;
        return store;
    }

    protected override async Task<IStore> ReopenAsync(IStore previous, StoreOptions? options = null)
    {
        var store = await StoreFactory.OpenAsync(_urls[previous], options, Ct);
        _urls[store] = _urls[previous];
        return store;
    }

    protected override async Task ExecuteAsync(IStore store, string sql)
    {
        var (cs, _) = PostgresStore.ParseUrl(_urls[store]);
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync(Ct);
    }

    protected override async Task SetSchemaVersionAsync(IStore store, int version)
    {
        var (cs, _) = PostgresStore.ParseUrl(_urls[store]);
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand("UPDATE sitrep_meta SET value = @v WHERE key = 'schema_version'", c);
        cmd.Parameters.AddWithValue("v", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await cmd.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task Refused_connection_is_one_clear_error()
    {
        Server();
        var e = await Assert.ThrowsAsync<StoreException>(() => StoreFactory.OpenAsync("postgres://sitrep@127.0.0.1:1/nowhere", null, Ct));
        Assert.StartsWith("postgres://sitrep@127.0.0.1:1/nowhere: cannot connect", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public async Task Wrong_password_is_one_clear_error_without_the_password()
    {
        var uri = new UriBuilder(Server()) { Password = "wrong-password" };
        var e = await Assert.ThrowsAsync<StoreException>(() => StoreFactory.OpenAsync(uri.Uri.ToString(), null, Ct));
        Assert.Contains("password authentication failed", e.Message);
        Assert.DoesNotContain("wrong-password", e.Message);
    }

    [Fact]
    public async Task Sqlite_and_postgres_answer_the_same_queries_alike()
    {
        await using var pg = await OpenEmptyAsync(Options);
        var path = Path.Combine(Path.GetTempPath(), "sitrep-compare-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using var lite = await StoreFactory.OpenAsync(path, Options, Ct);
            foreach (var store in new[] { lite, pg })
            {
                await store.AddDocumentAsync(Fixtures.Attack("Reuters", extra: "Reporting by Reuters staff."), Ct);
                await store.AddDocumentAsync(Fixtures.Attack("AFP", extra: "AFP contributed to this report.", cameo: "195"), Ct);
                await store.AddDocumentAsync(Fixtures.Attack("Reuters", day: "2016-10-26"), Ct);
                await store.AddDocumentAsync(Fixtures.Meeting(), Ct);
            }
            StoreQuery[] queries =
            [
                new(), new() { Place = "Mosul" }, new() { Place = "Iraq", From = new DateOnly(2016, 10, 26) }, new() { Near = new GeoCircle(36.3, 43.1, 50) },
                new() { Text = "fighters" }, new() { Cameo = "19" }, new() { Actor = "IRQ" }, new() { Speaker = "amir" }, new() { Limit = 2 },
            ];
            foreach (var q in queries)
            {
                var a = (await lite.QueryEventsAsync(q, Ct)).Items.Select(e => e with { Id = 0 });
                var b = (await pg.QueryEventsAsync(q, Ct)).Items.Select(e => e with { Id = 0 });
                Assert.Equal(a, b);
                var qa = (await lite.QueryQuotesAsync(q with { Cameo = null }, Ct)).Items;
                var qb = (await pg.QueryQuotesAsync(q with { Cameo = null }, Ct)).Items;
                Assert.Equal(qa, qb);
                var da = (await lite.QueryDocumentsAsync(q, Ct)).Items.Select(d => d with { Ingested = "" });
                var db = (await pg.QueryDocumentsAsync(q, Ct)).Items.Select(d => d with { Ingested = "" });
                Assert.Equal(da, db);
            }
            var ea = (await lite.QueryEntitiesAsync(new StoreQuery(), Ct)).Items;
            var eb = (await pg.QueryEntitiesAsync(new StoreQuery(), Ct)).Items;
            Assert.Equal(ea, eb);
            var sa = await lite.StatsAsync(null, Ct);
            var sb = await pg.StatsAsync(null, Ct);
            Assert.Equal(sa.EventsPerDay, sb.EventsPerDay);
            Assert.Equal(sa.EventsPerCameoRoot, sb.EventsPerCameoRoot);
            Assert.Equal(sa.EventsPerCountry, sb.EventsPerCountry);
            Assert.Equal((sa.Documents, sa.Stories, sa.Events, sa.EventMentions), (sb.Documents, sb.Stories, sb.Events, sb.EventMentions));
            var docA = (await lite.GetDocumentAsync(1, Ct))!.Document;
            var docB = (await pg.GetDocumentAsync(1, Ct))!.Document;
            Assert.Equal(docA.Events.Count, docB.Events.Count);
            for (int i = 0; i < docA.Events.Count; i++) StoreSuite.AssertSameEvent(docA.Events[i], docB.Events[i]);
            Assert.Equal(docA.Quotes.Select(q => q.Text), docB.Quotes.Select(q => q.Text));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
