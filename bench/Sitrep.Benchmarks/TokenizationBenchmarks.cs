using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Sitrep.Text.Tokenization;

namespace Sitrep.Benchmarks;

/// <summary>
/// Tokenize + sentence-split throughput, single thread, over the raw text of UD English EWT train: as one 1 MB document
/// (a 13 MB token array per operation, on the large-object heap), and as its 540 documents of 1.9 KB on average, one
/// <see cref="Document"/> each, as articles are processed.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TokenizationConfig))]
public class TokenizationBenchmarks
{
    private string _text = "";
    private List<string> _documents = [];
    private Pipeline _pipeline = null!;

    private sealed class TokenizationConfig : ManualConfig
    {
        public TokenizationConfig()
        {
            var (bytes, tokens) = Measure();
            AddColumn(new ThroughputColumn("MB/s", _ => bytes, 1e6));
            AddColumn(new ThroughputColumn("tokens/s", _ => tokens));
        }
    }

    /// <summary>UTF-8 size and token count of one operation's input, computed in the host for the rate columns.</summary>
    private static (double Bytes, double Tokens) Measure()
    {
        var path = BenchmarkCorpus.Ewt("train");
        if (path is null) return (0, 0);
        var text = BenchmarkCorpus.RawText(path);
        var doc = new Document(text);
        new Tokenizer().Process(doc);
        return (System.Text.Encoding.UTF8.GetByteCount(text), doc.TokenCount);
    }

    [GlobalSetup]
    public void Setup()
    {
        var path = BenchmarkCorpus.Ewt("train") ?? throw new InvalidOperationException("UD English EWT is not in ../shared/corpora: nothing to measure");
        _text = BenchmarkCorpus.RawText(path);
        _documents = BenchmarkCorpus.RawDocuments(path);
        _pipeline = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Build();
    }

    [Benchmark(Description = "tokenize+split EWT train")]
    public int TokenizeAndSplit() => _pipeline.Process(new Document(_text)).Sentences.Count;

    /// <summary>The same text per corpus document (the throughput columns count the whole text's bytes and tokens; the documents hold the same characters but for the blank lines between them).</summary>
    [Benchmark(Description = "tokenize+split EWT train, per document")]
    public int TokenizeAndSplitDocuments()
    {
        int sentences = 0;
        foreach (var text in _documents) sentences += _pipeline.Process(new Document(text)).Sentences.Count;
        return sentences;
    }
}
