using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Sitrep.Models;
using Sitrep.Text.Tokenization;

namespace Sitrep.Benchmarks;

/// <summary>Entity recognizer throughput (tokens/s, one thread) over the raw text of UD English EWT dev, POS already tagged.</summary>
[MemoryDiagnoser]
[Config(typeof(NerConfig))]
public class NerBenchmarks
{
    private Document _doc = null!;
    private EntityRecognizer _ner = null!;

    private sealed class NerConfig : ManualConfig
    {
        public NerConfig()
        {
            var path = BenchmarkCorpus.Ewt("dev");
            double tokens = 0;
            if (path is not null)
            {
                var doc = new Document(BenchmarkCorpus.RawText(path));
                new Tokenizer().Process(doc);
                tokens = doc.TokenCount;
            }
            AddColumn(new ThroughputColumn("tokens/s", _ => tokens));
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        var path = BenchmarkCorpus.Ewt("dev") ?? throw new InvalidOperationException("UD English EWT is not in ../shared/corpora: nothing to measure");
        _doc = new Document(BenchmarkCorpus.RawText(path));
        new Tokenizer().Process(_doc);
        new SentenceSplitter().Process(_doc);
        PosTagger.Load(ModelLocator.PosModelPath()).Process(_doc);
        _ner = EntityRecognizer.Load(EntityRecognizer.DefaultPath());
    }

    [Benchmark(Description = "NER EWT dev")]
    public int Recognize()
    {
        _doc.Entities.Clear();
        _ner.Process(_doc);
        return _doc.Entities.Count;
    }
}
