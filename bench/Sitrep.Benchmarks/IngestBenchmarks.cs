using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Sitrep.Ingest;
using Sitrep.Storage;
using Sitrep.Storage.Ingestion;

namespace Sitrep.Benchmarks;

/// <summary>
/// End-to-end `sitrep ingest` into SQLite with the full extraction pipeline, 1 and 2 workers: ~4 KB news articles
/// (<see cref="NewsArticles"/>), a fresh store each time. <see cref="Reingest"/> ingests the same folder into a store
/// that already holds it (every input skipped by its content hash, the models never loaded).
/// </summary>
[Config(typeof(Config))]
public class IngestBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn("articles/s", _ => s_count));
    }

    private static int s_count;
    private string _folder = "";
    private string _db = "";
    private string _full = "";
    private Lazy<Pipeline> _pipeline = null!;

    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var articles = NewsArticles.Build();
        s_count = articles.Count;
        Console.WriteLine($"// {articles.Count} articles, {articles.Average(a => a.Length):N0} characters on average");
        _folder = NewsArticles.WriteFolder(articles);
        _pipeline = new Lazy<Pipeline>(Sitrep.Cli.Pipelines.Extraction());
        _full = Path.Combine(Path.GetTempPath(), $"sitrep-bench-full-{Workers}-{Guid.NewGuid():N}.db");
        Run(_full);
    }

    [IterationSetup(Target = nameof(Ingest))]
    public void NewStore()
    {
        SqliteConnection.ClearAllPools();
        if (_db.Length > 0) Delete(_db);
        _db = Path.Combine(Path.GetTempPath(), $"sitrep-bench-{Guid.NewGuid():N}.db");
    }

    [Benchmark]
    public long Ingest() => Run(_db);

    [Benchmark]
    public long Reingest() => Run(_full);

    private long Run(string db)
    {
        var store = StoreFactory.OpenAsync(db, new StoreOptions { PlaceNames = Sitrep.Cli.GazetteerPlaceNames.Load() }).GetAwaiter().GetResult();
        try
        {
            var ingestor = new BatchIngestor(store, _pipeline, new ArticleReader(), new IngestSettings { Workers = Workers });
            var summary = ingestor.RunAsync([_folder]).GetAwaiter().GetResult();
            return summary.Added + summary.Skipped + summary.Failed;
        }
        finally { store.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Delete(_db);
        Delete(_full);
        Directory.Delete(_folder, recursive: true);
    }

    private static void Delete(string db)
    {
        foreach (var f in new[] { db, db + "-wal", db + "-shm" }) if (File.Exists(f)) File.Delete(f);
    }
}
