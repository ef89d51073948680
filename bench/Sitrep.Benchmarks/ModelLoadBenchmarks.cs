using BenchmarkDotNet.Attributes;
using Sitrep.Models;

namespace Sitrep.Benchmarks;

/// <summary>Time and allocations to load each shipped model from a warm file cache (target: under 0.5 s each).</summary>
[MemoryDiagnoser]
public class ModelLoadBenchmarks
{
    [Benchmark]
    public object LoadPosTagger() => PosTagger.Load(ModelLocator.PosModelPath());

    [Benchmark]
    public object LoadLemmatizer() => Lemmatizer.Load(ModelLocator.PosModelPath());

    [Benchmark]
    public object LoadParser() => DependencyParser.Load(ModelLocator.ParserModelPath());

    [Benchmark]
    public object LoadEntityRecognizer() => EntityRecognizer.Load(EntityRecognizer.DefaultPath());
}
