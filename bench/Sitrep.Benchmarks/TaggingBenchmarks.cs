using BenchmarkDotNet.Attributes;
using Sitrep;
using Sitrep.Models;
using Sitrep.Text.Formats;

namespace Sitrep.Benchmarks;

/// <summary>Shared input: UD English EWT dev with gold tokenization (absent corpus: the benchmarks do nothing and say so).</summary>
internal static class EwtDev
{
    public const string Path = "/work/shared/corpora/ud-english-ewt/en_ewt-ud-dev.conllu";

    public static Document? Load()
    {
        string path = Environment.GetEnvironmentVariable("SITREP_EWT_DEV") ?? Path;
        if (!File.Exists(path))
        {
            Console.WriteLine($"// EWT dev not found at {path}; set SITREP_EWT_DEV. Benchmarks will be empty.");
            return null;
        }
        var doc = ConlluDocument.FromSentences(Conllu.ReadFile(path));
        Console.WriteLine($"// {doc.TokenCount} tokens, {doc.Sentences.Count} sentences: tokens/s = {doc.TokenCount} / mean time");
        return doc;
    }
}

/// <summary>POS tagging and lemmatization throughput over EWT dev, one thread.</summary>
[MemoryDiagnoser]
public class TaggingBenchmarks
{
    private Document? _doc;
    private PosTagger? _tagger;
    private Lemmatizer? _lemmatizer;

    [GlobalSetup]
    public void Setup()
    {
        _doc = EwtDev.Load();
        _tagger = PosTagger.Load(ModelLocator.PosModelPath());
        _lemmatizer = Lemmatizer.Load(ModelLocator.PosModelPath());
        if (_doc is not null) _tagger.Process(_doc);
    }

    [Benchmark]
    public int TagEwtDev()
    {
        if (_doc is null) return 0;
        _tagger!.Process(_doc);
        return _doc.TokenCount;
    }

    [Benchmark]
    public int LemmatizeEwtDev()
    {
        if (_doc is null) return 0;
        _lemmatizer!.Process(_doc);
        return _doc.TokenCount;
    }
}
