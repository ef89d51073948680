using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using Sitrep.Ingest;
using Sitrep.Storage.Ingestion;
using Sitrep.Text.Tokenization;

namespace Sitrep.Storage.Tests;

/// <summary>
/// Batch ingestion over inputs the tests write: a mixed folder, an RSS feed, WARC.gz files (whole and truncated), an
/// entity bomb. The pipeline is the real tokenizer and sentence splitter (plus test stages for limits and failures);
/// the full extraction pipeline is exercised end to end by the CLI tests.
/// </summary>
public sealed class IngestionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sitrep-ingest-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static Pipeline Light(params IStage[] extra)
    {
        var b = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter());
        foreach (var s in extra) b.Add(s);
        return b.Build();
    }

    private string Write(string relative, string content) => Write(relative, Encoding.UTF8.GetBytes(content));

    private string Write(string relative, byte[] content)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string Story(int n, string place = "Mosul") =>
        $"Story {n}\n\n{place.ToUpperInvariant()} • Iraqi troops advanced on the {n}th district of {place} on Tuesday, officials said. " +
        $"The offensive, number {n} this month, involved about {n * 100} soldiers and several armoured vehicles, according to a statement.\n";

    private static string Html(string title, string body) =>
        $"<!DOCTYPE html><html><head><title>{title}</title><meta property=\"article:published_time\" content=\"2016-10-26\"></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>";

    internal static byte[] WarcRecord(string type, string uri, byte[] block, string contentType)
    {
        var head = $"WARC/1.1\r\nWARC-Type: {type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2016-10-27T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{Guid.NewGuid()}>\r\n" +
                   $"Content-Type: {contentType}\r\nContent-Length: {block.Length}\r\n\r\n";
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(Encoding.ASCII.GetBytes(head));
            gz.Write(block);
            gz.Write("\r\n\r\n"u8);
        }
        return ms.ToArray();
    }

    internal static byte[] Warc(params (string Uri, string Html)[] pages)
    {
        using var ms = new MemoryStream();
        ms.Write(WarcRecord("warcinfo", "", "software: sitrep tests\r\n"u8.ToArray(), "application/warc-fields"));
        foreach (var (uri, html) in pages)
        {
            var body = Encoding.UTF8.GetBytes(html);
            ms.Write(WarcRecord("request", uri, Encoding.ASCII.GetBytes($"GET {new Uri(uri).PathAndQuery} HTTP/1.1\r\nHost: {new Uri(uri).Host}\r\n\r\n"), "application/http; msgtype=request"));
            var http = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n").Concat(body).ToArray();
            ms.Write(WarcRecord("response", uri, http, "application/http; msgtype=response"));
        }
        ms.Write(WarcRecord("response", "https://example.org/missing", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html></html>"u8.ToArray(), "application/http; msgtype=response"));
        return ms.ToArray();
    }

    private async Task<(IStore Store, IngestSummary Summary)> IngestAsync(string db, IEnumerable<string> paths, Pipeline? pipeline = null, IngestSettings? settings = null, CancellationToken? ct = null)
    {
        var store = await StoreFactory.OpenAsync(db, null, Ct);
        var ingestor = new BatchIngestor(store, pipeline ?? Light(), new ArticleReader(), settings ?? new IngestSettings { Workers = 2, BatchSize = 4 });
        var summary = await ingestor.RunAsync([.. paths], ct ?? Ct);
        return (store, summary);
    }

    private void MixedFolder()
    {
        Write("mixed/one.txt", Story(1));
        Write("mixed/deep/two.html", Html("Two", Story(2).Replace("\n", " ", StringComparison.Ordinal)));
        Write("mixed/three.json", $"{{\"title\":\"Three\",\"text\":{System.Text.Json.JsonSerializer.Serialize(Story(3))},\"published\":\"2016-10-27\",\"publisher\":\"Wire\"}}");
        Write("mixed/four.jsonl", $"{{\"text\":{System.Text.Json.JsonSerializer.Serialize(Story(4))}}}\n{{\"text\":{System.Text.Json.JsonSerializer.Serialize(Story(5))}}}\n");
        Write("mixed/feed.rss", $"""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire Service</title>
            <item><title>Six</title><link>https://example.org/six</link><pubDate>Thu, 27 Oct 2016 10:00:00 GMT</pubDate>
            <content:encoded><![CDATA[<p>{Story(6)}</p>]]></content:encoded></item>
            <item><title>Seven</title><link>local/seven.html</link></item>
            </channel></rss>
            """);
        Write("mixed/local/seven.html", Html("Seven", Story(7)));
        Write("mixed/crawl.warc.gz", Warc(("https://example.com/eight", Html("Eight", Story(8))), ("https://example.com/nine", Html("Nine", Story(9)))));
        Write("mixed/notes.md", "# not an article: folders only pick up known extensions");
        Write("mixed/broken.txt", new byte[] { 0, 1, 2, 3, 0, 0, 0, 5, 6, 0 });
    }

    [Fact]
    public async Task Mixed_folder_is_ingested_with_feeds_and_warc_and_a_bad_file_does_not_stop_the_batch()
    {
        MixedFolder();
        var db = Path.Combine(_dir, "mixed.db");
        var (store, summary) = await IngestAsync(db, [Path.Combine(_dir, "mixed")]);
        await using var _ = store;
        // one, two, three, four (2 lines), six, seven (twice: through the feed and the folder, stored once), eight, nine
        Assert.Equal(9, summary.Added);
        Assert.Equal(1, summary.Failed);
        Assert.Contains(summary.Errors, e => e.Source.EndsWith("broken.txt", StringComparison.Ordinal));
        var titles = (await store.QueryDocumentsAsync(new StoreQuery(), Ct)).Items.Select(d => d.Title).ToHashSet();
        Assert.Contains("Six", titles);
        Assert.Contains("Eight", titles);
        Assert.Contains("Nine", titles);
        var six = (await store.QueryDocumentsAsync(new StoreQuery { Text = "number 6" }, Ct)).Items.Single();
        Assert.Equal(("https://example.org/six", "Wire Service", "2016-10-27T10:00:00+00:00"), (six.Url, six.Publisher, six.Published));
        var eight = (await store.QueryDocumentsAsync(new StoreQuery { Text = "number 8" }, Ct)).Items.Single();
        Assert.Equal("https://example.com/eight", eight.Url);
        var errors = await store.ErrorsAsync(summary.RunId, 10, Ct);
        Assert.Contains(errors, e => e.Source.EndsWith("broken.txt", StringComparison.Ordinal) && e.Reason.Contains("binary", StringComparison.Ordinal));
        var run = (await store.RunsAsync(1, Ct)).Single();
        Assert.Equal(("failed", 9L, 1L), (run.Status, run.Added, run.Failed));
    }

    [Fact]
    public async Task Re_ingesting_adds_nothing_and_reads_no_input_again()
    {
        MixedFolder();
        File.Delete(Path.Combine(_dir, "mixed", "broken.txt"));
        var db = Path.Combine(_dir, "again.db");
        var (first, s1) = await IngestAsync(db, [Path.Combine(_dir, "mixed")]);
        await first.DisposeAsync();
        var counting = new CountingStage();
        var (second, s2) = await IngestAsync(db, [Path.Combine(_dir, "mixed")], Light(counting));
        await using var _ = second;
        Assert.Equal(9, s1.Added);
        Assert.Equal(0, s2.Added);
        Assert.Equal(0, counting.Count);
        Assert.Equal(0, s2.Failed);
        Assert.True(s2.Skipped >= 7, $"skipped {s2.Skipped}");
        Assert.Equal(9, (await second.StatsAsync(null, Ct)).Documents);
    }

    [Fact]
    public async Task Entity_bomb_feed_is_refused_in_one_line_and_the_rest_is_stored()
    {
        Write("bomb/ok.txt", Story(1));
        Write("bomb/lol.rss", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
            <rss version="2.0"><channel><title>&lol9;</title><item><title>x</title><description>&lol9;</description></item></channel></rss>
            """);
        var (store, summary) = await IngestAsync(Path.Combine(_dir, "bomb.db"), [Path.Combine(_dir, "bomb")]);
        await using var _ = store;
        Assert.Equal(1, summary.Added);
        var e = Assert.Single(summary.Errors);
        Assert.EndsWith("lol.rss", e.Source);
        Assert.Contains("DTD", e.Reason);
        Assert.DoesNotContain("\n", e.Reason);
    }

    [Fact]
    public async Task Truncated_warc_gz_keeps_its_complete_records_and_reports_the_truncation()
    {
        var whole = Warc(("https://example.com/a", Html("Alpha", Story(1))), ("https://example.com/b", Html("Beta", Story(2))), ("https://example.com/c", Html("Gamma", Story(3))));
        var cut = whole[..(whole.Length * 2 / 3)];
        var path = Write("cut.warc.gz", cut);
        var (store, summary) = await IngestAsync(Path.Combine(_dir, "cut.db"), [path]);
        await using var _ = store;
        Assert.True(summary.Added is >= 1 and < 3, $"added {summary.Added}");
        var e = Assert.Single(summary.Errors);
        Assert.Contains("truncated", e.Reason);
        Assert.Equal(summary.Added, (await store.StatsAsync(null, Ct)).Documents);
    }

    [Fact]
    public async Task Lightly_edited_copy_is_linked_to_the_original_story()
    {
        var original = Story(1) + "The operation is expected to last several weeks, a spokesman for the coalition said in a statement on Wednesday.\n";
        var copy = original.Replace("Story 1", "Iraqi army pushes into Mosul district", StringComparison.Ordinal).Replace("several weeks", "many weeks", StringComparison.Ordinal);
        Write("dup/original.txt", original);
        Write("dup/copy.txt", copy);
        Write("dup/other.txt", Story(2, "Raqqa").Replace("Iraqi troops", "Syrian Democratic Forces", StringComparison.Ordinal) + "Aid agencies warned of a humanitarian crisis in the camps north of the city.\n");
        var (store, summary) = await IngestAsync(Path.Combine(_dir, "dup.db"), [Path.Combine(_dir, "dup")], settings: new IngestSettings { Workers = 1, BatchSize = 1 });
        await using var _ = store;
        Assert.Equal(3, summary.Added);
        Assert.Equal(1, summary.NearDuplicates);
        var docs = (await store.QueryDocumentsAsync(new StoreQuery(), Ct)).Items;
        var o = docs.Single(d => d.Source!.EndsWith("original.txt", StringComparison.Ordinal));
        var c = docs.Single(d => d.Source!.EndsWith("copy.txt", StringComparison.Ordinal));
        var x = docs.Single(d => d.Source!.EndsWith("other.txt", StringComparison.Ordinal));
        Assert.Equal(c.StoryId, o.StoryId);
        Assert.NotEqual(o.StoryId, x.StoryId);
    }

    [Fact]
    public async Task Document_over_the_time_limit_and_a_failing_stage_are_errors_and_the_batch_carries_on()
    {
        Write("slow/slow.txt", "SLOW " + Story(1));
        Write("slow/boom.txt", "BOOM " + Story(2));
        Write("slow/fine.txt", Story(3));
        var (store, summary) = await IngestAsync(Path.Combine(_dir, "slow.db"), [Path.Combine(_dir, "slow")], Light(new TroubleStage()),
            new IngestSettings { Workers = 2, DocumentTimeout = TimeSpan.FromMilliseconds(100) });
        await using var _ = store;
        Assert.Equal(1, summary.Added);
        Assert.Equal(2, summary.Failed);
        Assert.Contains(summary.Errors, e => e.Source.EndsWith("slow.txt", StringComparison.Ordinal) && e.Reason.Contains("time limit", StringComparison.Ordinal));
        Assert.Contains(summary.Errors, e => e.Source.EndsWith("boom.txt", StringComparison.Ordinal) && e.Reason.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelled_run_keeps_whole_documents_and_a_rerun_completes_without_duplicates()
    {
        for (int i = 0; i < 40; i++) Write($"many/{i:00}.txt", Story(i + 1));
        var db = Path.Combine(_dir, "resume.db");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var gate = new CountingStage(after: 10, then: cts.Cancel);
        // Groups of two: a cancelled worker drops the group it is extracting (not written, so the rerun redoes it)
        // and keeps the groups it finished.
        var (store, first) = await IngestAsync(db, [Path.Combine(_dir, "many")], Light(gate), new IngestSettings { Workers = 2, BatchSize = 3, ExtractBatch = 2 }, cts.Token);
        Assert.True(first.Cancelled);
        Assert.InRange(first.Added, 1, 39);
        var stats = await store.StatsAsync(null, Ct);
        Assert.Equal(first.Added, stats.Documents);
        await store.DisposeAsync();

        var (again, second) = await IngestAsync(db, [Path.Combine(_dir, "many")]);
        await using var _ = again;
        Assert.False(second.Cancelled);
        Assert.Equal(40, first.Added + second.Added);
        Assert.Equal(40, (await again.StatsAsync(null, Ct)).Documents);
        Assert.Equal("cancelled", (await again.RunsAsync(2, Ct))[1].Status);
    }

    [Fact]
    public async Task Missing_path_is_an_error_and_the_other_paths_are_ingested()
    {
        var ok = Write("one.txt", Story(1));
        var (store, summary) = await IngestAsync(Path.Combine(_dir, "missing.db"), [Path.Combine(_dir, "nope"), ok]);
        await using var _ = store;
        Assert.Equal(1, summary.Added);
        Assert.Equal("no such file or directory", Assert.Single(summary.Errors).Reason);
    }

    [Theory]
    [InlineData(4, "A A A A B B B B")]
    [InlineData(1, "A B A B A B A B")]
    public async Task A_worker_runs_each_stage_over_its_group_of_documents_before_the_next_stage(int group, string expected)
    {
        // One input holding four articles, so the group does not depend on how fast the inputs reach the worker.
        Write($"group{group}/four.jsonl", string.Join('\n', Enumerable.Range(1, 4).Select(i => $"{{\"title\":\"T{i}\",\"text\":{System.Text.Json.JsonSerializer.Serialize(Story(i))}}}")));
        var log = new List<string>();
        var (store, summary) = await IngestAsync(Path.Combine(_dir, $"group{group}.db"), [Path.Combine(_dir, $"group{group}")],
            Light(new LoggingStage("A", log), new LoggingStage("B", log)), new IngestSettings { Workers = 1, ExtractBatch = group });
        await using var _ = store;
        Assert.Equal(4, summary.Added);
        Assert.Equal(expected, string.Join(' ', log));
    }

    private sealed class LoggingStage(string name, List<string> log) : IStage
    {
        public string Name => name;
        public IReadOnlyList<string> Requires => [];
        public IReadOnlyList<string> Produces => [];
        public void Process(Document document) { lock (log) log.Add(name); }
    }

    private sealed class CountingStage(int after = int.MaxValue, Action? then = null) : IStage
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public string Name => "count";
        public IReadOnlyList<string> Requires => [];
        public IReadOnlyList<string> Produces => [];
        public void Process(Document document)
        {
            if (Interlocked.Increment(ref _count) == after) then?.Invoke();
        }
    }

    private sealed class TroubleStage : IStage
    {
        public string Name => "trouble";
        public IReadOnlyList<string> Requires => [];
        public IReadOnlyList<string> Produces => [];
        public void Process(Document document)
        {
            if (document.Text.StartsWith("SLOW", StringComparison.Ordinal)) Thread.Sleep(300);
            if (document.Text.StartsWith("BOOM", StringComparison.Ordinal)) throw new InvalidOperationException("stage bug");
        }
    }
}
