using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Sitrep.Extraction.Quantities;
using Sitrep.Extraction.Time;
using Sitrep.Text.Tokenization;

namespace Sitrep.Benchmarks;

/// <summary>
/// Time tagger + quantity finder (+ casualty linking) throughput, single thread, on a pre-tokenized document: the raw text of
/// UD English EWT train, so the figure is the cost of these stages alone, not of tokenization.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TimeConfig))]
public class TimeBenchmarks
{
    private Document _doc = null!;
    private readonly TimeTagger _times = new();
    private readonly QuantityFinder _quantities = new();
    private readonly CasualtyFinder _casualties = new();

    private sealed class TimeConfig : ManualConfig
    {
        public TimeConfig()
        {
            var (bytes, tokens) = Measure();
            AddColumn(new ThroughputColumn("MB/s", _ => bytes, 1e6));
            AddColumn(new ThroughputColumn("tokens/s", _ => tokens));
        }
    }

    private static (double Bytes, double Tokens) Measure()
    {
        var path = BenchmarkCorpus.Ewt("train");
        if (path is null) return (0, 0);
        var doc = Tokenized(BenchmarkCorpus.RawText(path));
        return (System.Text.Encoding.UTF8.GetByteCount(doc.Text), doc.TokenCount);
    }

    private static Document Tokenized(string text)
    {
        var doc = new Document(text, new DocumentMetadata { Published = new DateTimeOffset(2016, 10, 27, 0, 0, 0, TimeSpan.Zero) });
        new Tokenizer().Process(doc);
        new SentenceSplitter().Process(doc);
        return doc;
    }

    [GlobalSetup]
    public void Setup()
    {
        var path = BenchmarkCorpus.Ewt("train") ?? throw new InvalidOperationException("UD English EWT is not in ../shared/corpora: nothing to measure");
        _doc = Tokenized(BenchmarkCorpus.RawText(path));
    }

    [Benchmark(Description = "times+quantities+casualties EWT train (pre-tokenized)")]
    public int TimesAndQuantities()
    {
        _doc.Times.Clear();
        _doc.Quantities.Clear();
        _doc.Casualties.Clear();
        _times.Process(_doc);
        _quantities.Process(_doc);
        _casualties.Process(_doc);
        return _doc.Times.Count + _doc.Quantities.Count;
    }
}
