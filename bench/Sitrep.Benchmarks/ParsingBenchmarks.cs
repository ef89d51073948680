using BenchmarkDotNet.Attributes;
using Sitrep;
using Sitrep.Models;

namespace Sitrep.Benchmarks;

/// <summary>Dependency parsing throughput over EWT dev (tagged once in setup), one thread.</summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private Document? _doc;
    private DependencyParser? _parser;

    [GlobalSetup]
    public void Setup()
    {
        _doc = EwtDev.Load();
        _parser = DependencyParser.Load(ModelLocator.ParserModelPath());
        if (_doc is not null) PosTagger.Load(ModelLocator.PosModelPath()).Process(_doc);
    }

    [Benchmark]
    public int ParseEwtDev()
    {
        if (_doc is null) return 0;
        _parser!.Process(_doc);
        return _doc.TokenCount;
    }
}
