using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Parquet.Serialization;
using Sitrep.Storage;
using Sitrep.Storage.Export;
using Sitrep.Storage.Tests;

namespace Sitrep.Cli.Tests;

/// <summary>`sitrep ingest` and the query/export commands, run as the real CLI over temporary stores.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sitrep-cli-store-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string Db(string name = "sitrep.db") => Path.Combine(_dir, name);

    [Fact]
    public async Task A_query_on_a_store_of_an_older_schema_migrates_it_and_answers()
    {
        var db = Db("old.db");
        Assert.Equal(0, SitrepProcess.Run("ingest", "samples", "--db", db).ExitCode);
        var before = SitrepProcess.Run("events", "--place", "Mosul", "--db", db);
        // Back to schema 1, as an earlier sitrep wrote it: no event_points table, the old lat/lon index.
        using (var c = new SqliteConnection("Data Source=" + db))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP TABLE event_points; DROP INDEX event_clusters_latlon; CREATE INDEX event_clusters_latlon ON event_clusters (lat, lon); "
                + "UPDATE sitrep_meta SET value = '1' WHERE key = 'schema_version'";
            cmd.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        var after = SitrepProcess.Run("events", "--place", "Mosul", "--db", db);
        Assert.True(after.ExitCode == 0, after.Stderr);
        Assert.Equal(before.Stdout, after.Stdout);
        SqliteConnection.ClearAllPools();
        // Migrated: a read-only open (which refuses an older schema) now succeeds.
        await using var current = await StoreFactory.OpenAsync(db, new StoreOptions { ReadOnly = true }, Ct);
        Assert.Equal(2, (await current.StatsAsync(null, Ct)).Documents);
    }

    [Fact]
    public void Ingest_samples_then_events_in_Mosul_works_and_a_second_ingest_skips_everything()
    {
        var db = Db();
        var first = SitrepProcess.Run("ingest", "samples", "--db", db);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.StartsWith("2 added,", first.Stdout);
        var events = SitrepProcess.Run("events", "--place", "Mosul", "--db", db);
        Assert.Equal(0, events.ExitCode);
        Assert.Equal("", events.Stderr);
        // The Mosul sample's checkpoint attack: JSON lines when the output is not a terminal.
        var lines = events.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => JsonDocument.Parse(l).RootElement.GetProperty("cameo").GetString()!.StartsWith("19", StringComparison.Ordinal));
        var stats = SitrepProcess.Run("stats", "--json", "--db", db);
        Assert.Equal(0, stats.ExitCode);
        using var json = JsonDocument.Parse(stats.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("documents").GetInt64());
        Assert.True(json.RootElement.GetProperty("entities").GetInt64() > 5);

        var again = SitrepProcess.Run("ingest", "samples", "--db", db);
        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith("0 added, 2 inputs unchanged", again.Stdout);

        var doc = SitrepProcess.Run("documents", "--id", "1", "--db", db);
        Assert.Equal(0, doc.ExitCode);
        using var stored = JsonDocument.Parse(doc.Stdout);
        var text = stored.RootElement.GetProperty("document").GetProperty("text").GetString()!;
        foreach (var q in stored.RootElement.GetProperty("quotes").EnumerateArray())
            Assert.Equal(q.GetProperty("text").GetString(), text[q.GetProperty("start").GetInt32()..q.GetProperty("end").GetInt32()]);
    }

    /// <summary>A store with hand-built events (the event coder lands on another branch), written through the public API.</summary>
    private async Task<string> EventStoreAsync()
    {
        var db = Db("events.db");
        await using var store = await StoreFactory.OpenAsync(db, new StoreOptions(), Ct);
        await store.AddDocumentAsync(Fixtures.Attack("Reuters", extra: "one"), Ct);
        await store.AddDocumentAsync(Fixtures.Attack("AFP", extra: "two"), Ct);
        await store.AddDocumentAsync(Fixtures.Meeting(), Ct);
        return db;
    }

    [Fact]
    public async Task Events_export_as_csv_geojson_gdelt_phoenix_and_parquet()
    {
        var db = await EventStoreAsync();
        var csv = SitrepProcess.Run("events", "--db", db, "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("Id,Day,Cameo,CameoRoot,Plover,", lines[0]);
        Assert.Equal(3, lines.Length - 1);
        Assert.Contains(lines, l => l.Contains(",Mosul,", StringComparison.Ordinal) && l.Contains(",190,19,", StringComparison.Ordinal) && l.Contains(",2,2,2,", StringComparison.Ordinal));

        var geo = SitrepProcess.Run("events", "--db", db, "--format", "geojson", "--place", "Mosul");
        using (var g = JsonDocument.Parse(geo.Stdout))
        {
            var features = g.RootElement.GetProperty("features");
            Assert.Equal(2, features.GetArrayLength());
            var coords = features[0].GetProperty("geometry").GetProperty("coordinates");
            Assert.Equal(43.11889, coords[0].GetDouble(), 4);
            Assert.Equal(36.335, coords[1].GetDouble(), 4);
        }

        var gdelt = SitrepProcess.Run("events", "--db", db, "--format", "gdelt", "--cameo", "19");
        var rows = gdelt.Stdout.TrimEnd('\n').Split('\n').Select(l => l.Split('\t')).ToArray();
        Assert.Equal(61, rows[0].Length);
        Assert.Equal(2, rows.Length);
        var row = rows[1];
        string Col(string name) => row[Array.IndexOf(rows[0], name)];
        Assert.Equal(("20161025", "IRQMIL", "IRQ", "MIL", "190", "19", "4"), (Col("SQLDATE"), Col("Actor1Code"), Col("Actor1CountryCode"), Col("Actor1Type1Code"), Col("EventCode"), Col("EventRootCode"), Col("QuadClass")));
        Assert.Equal(("2", "2", "2", "Mosul", "IQ", "99072"), (Col("NumMentions"), Col("NumSources"), Col("NumArticles"), Col("ActionGeo_FullName"), Col("ActionGeo_CountryCode"), Col("ActionGeo_FeatureID")));

        var phoenix = SitrepProcess.Run("events", "--db", db, "--format", "phoenix", "--cameo", "19");
        var p = phoenix.Stdout.TrimEnd('\n').Split('\n').Select(l => l.Split('\t')).ToArray();
        Assert.Equal(EventTsv.PhoenixColumns, p[0]);
        Assert.Equal(("20161025", "IRQMIL", "IMGMUSISI", "Mosul"), (p[1][1], p[1][5], p[1][9], p[1][20]));

        var parquet = Path.Combine(_dir, "events.parquet");
        var pq = SitrepProcess.Run("events", "--db", db, "--format", "parquet", "--out", parquet);
        Assert.True(pq.ExitCode == 0, pq.Stderr);
        await using var file = File.OpenRead(parquet);
        var back = (await ParquetSerializer.DeserializeAsync<EventExport>(file, cancellationToken: Ct)).Data;
        Assert.Equal(3, back.Count);
        Assert.Contains(back, e => e.Place == "Mosul" && e.NumArticles == 2 && e.Cameo == "190");
    }

    [Fact]
    public async Task Events_with_mentions_carry_their_evidence()
    {
        var db = await EventStoreAsync();
        var r = SitrepProcess.Run("events", "--db", db, "--cameo", "19", "--mentions");
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout.Trim());
        var mentions = json.RootElement.GetProperty("mentions");
        Assert.Equal(2, mentions.GetArrayLength());
        foreach (var m in mentions.EnumerateArray())
        {
            Assert.Equal("attacked", m.GetProperty("triggerText").GetString());
            Assert.True(m.GetProperty("triggerEnd").GetInt32() > m.GetProperty("triggerStart").GetInt32());
        }
    }

    [Fact]
    public async Task Quotes_entities_and_documents_filter_and_export()
    {
        var db = await EventStoreAsync();
        var quotes = SitrepProcess.Run("quotes", "--db", db, "--speaker", "amir", "--format", "csv");
        Assert.Equal(0, quotes.ExitCode);
        Assert.Equal(3, quotes.Stdout.TrimEnd('\n').Split('\n').Length);
        var entities = SitrepProcess.Run("entities", "--db", db, "--near", "36.3,43.1,25");
        Assert.Equal("Mosul", JsonDocument.Parse(entities.Stdout.Trim()).RootElement.GetProperty("name").GetString());
        var docs = SitrepProcess.Run("documents", "--db", db, "--text", "ministers Paris", "--from", "2016-10-27", "--to", "2016-10-27");
        Assert.Single(docs.Stdout.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(2, "events", "--format", "xml")]
    [InlineData(2, "events", "--near", "36.3;43.1")]
    [InlineData(2, "events", "--near", "95,43,10")]
    [InlineData(2, "events", "--from", "2016-02-30")]
    [InlineData(2, "events", "--to", "yesterday")]
    [InlineData(2, "quotes", "--format", "gdelt")]
    [InlineData(2, "quotes", "--plover", "ASSAULT")]
    [InlineData(2, "events", "--limit", "0")]
    [InlineData(1, "events", "--db", "/nonexistent-dir/x.db")]
    [InlineData(1, "events", "--db", "postgres://sitrep@127.0.0.1:1/sitrep")]
    [InlineData(1, "ingest", "samples", "--db", "/nonexistent-dir/x.db")]
    public void Bad_store_options_are_one_line_and_the_right_exit_code(int exit, params string[] args)
    {
        var withDb = args.Contains("--db") ? args : [.. args, "--db", Db("bad.db")];
        var r = SitrepProcess.Run(withDb);
        Assert.Equal(exit, r.ExitCode);
        var lines = r.Stderr.Trim().Split('\n');
        Assert.StartsWith("sitrep: ", lines[0]);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void Corrupt_database_is_refused_and_left_as_it_was()
    {
        var db = Db("corrupt.db");
        var junk = new byte[4096];
        new Random(3).NextBytes(junk);
        File.WriteAllBytes(db, junk);
        var r = SitrepProcess.Run("ingest", "samples", "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"sitrep: sqlite:{db}: file is not a database", r.Stderr.Trim());
        Assert.Equal(junk, File.ReadAllBytes(db));
    }

    [Fact]
    public void Killed_ingest_leaves_a_consistent_store_and_the_rerun_completes_it_without_duplicates()
    {
        var input = Path.Combine(_dir, "many");
        Directory.CreateDirectory(input);
        for (int i = 0; i < Files; i++)
            File.WriteAllText(Path.Combine(input, $"{i:00}.txt"),
                $"Report {i}\n\nBAGHDAD • Iraqi forces said on Tuesday they had retaken village number {i} south of Mosul after clashes with militants. " +
                $"\"The fighting lasted {i + 2} hours,\" Colonel Ahmed Hassan told reporters. Several soldiers were wounded.\n");
        var db = Db("killed.db");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = SitrepProcess.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "sitrep.dll"), "ingest", input, "--db", db, "--workers", "2", "--batch", "2" }) info.ArgumentList.Add(a);
        using (var process = Process.Start(info)!)
        {
            var clock = Stopwatch.StartNew();
            long stored = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited)
            {
                stored = CountDocuments(db);
                if (stored >= 4) break;
                Thread.Sleep(20);
            }
            Assert.False(process.HasExited, "the ingest finished before it could be killed");
            process.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
            process.WaitForExit();
        }
        SqliteConnection.ClearAllPools();
        long afterKill = CountDocuments(db);
        Assert.InRange(afterKill, 4, Files - 1);
        using (var c = new SqliteConnection($"Data Source={db}"))
        {
            c.Open();
            using var check = c.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
            // every stored document is whole: each has its entities and quotes rows
            check.CommandText = "SELECT count(*) FROM documents d WHERE d.entity_count <> (SELECT count(*) FROM entities e WHERE e.document_id = d.id)";
            Assert.Equal(0L, check.ExecuteScalar());
        }
        SqliteConnection.ClearAllPools();
        var rerun = SitrepProcess.Run("ingest", input, "--db", db);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Equal(Files, CountDocuments(db));
    }

    private const int Files = 600;

    private static long CountDocuments(string db)
    {
        if (!File.Exists(db)) return 0;
        try
        {
            using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM documents";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (SqliteException) { return 0; }
    }
}
