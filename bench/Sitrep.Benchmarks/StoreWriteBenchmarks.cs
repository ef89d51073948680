using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;

namespace Sitrep.Benchmarks;

/// <summary>
/// The store's share of ingestion, without extraction: 2,000 generated documents (10 events and 1–7 place entities
/// each, as in <see cref="QueryBenchmarks"/>) written into a fresh SQLite store in transactions of 1,000.
/// </summary>
[Config(typeof(Config))]
public class StoreWriteBenchmarks
{
    private const int Count = 2000;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn("documents/s", _ => Count));
    }

    private string _db = "";

    [IterationSetup]
    public void NewStore()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) if (f.Length > 4 && File.Exists(f)) File.Delete(f);
        _db = Path.Combine(Path.GetTempPath(), $"sitrep-bench-write-{Guid.NewGuid():N}.db");
    }

    [Benchmark]
    public void Write2000Documents() => QueryBenchmarks.Generate(_db, Count).GetAwaiter().GetResult();
}
