using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Sitrep.Extraction.Events;

namespace Sitrep.Benchmarks;

/// <summary>
/// The cost of event coding (actor coder + event coder) against the rest of the extraction pipeline, on news-style text:
/// the 242 records of data/dev/events-dev.jsonl and the 15 articles behind data/dev/quotes-dev.jsonl, one document each.
/// "rest of the pipeline" runs every stage `sitrep extract` runs before the event stages; "event coding" runs the two event
/// stages on the documents the rest has already analysed. The ratio of the two means is the added time.
/// </summary>
[MemoryDiagnoser]
public class EventBenchmarks
{
    private Pipeline _rest = null!;
    private ActorCoder _actors = null!;
    private EventCoder _events = null!;
    private List<(string Text, DateTimeOffset? Published)> _inputs = null!;
    private List<Document> _analysed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchmarkCorpus.RepoRoot() ?? throw new InvalidOperationException("repository root not found");
        _inputs = [];
        foreach (var file in new[] { "events-dev.jsonl", "quotes-dev.jsonl" })
            foreach (var line in File.ReadLines(Path.Combine(root, "data", "dev", file)))
            {
                using var json = JsonDocument.Parse(line);
                var r = json.RootElement;
                _inputs.Add((r.GetProperty("text").GetString()!, DateTimeOffset.Parse(r.GetProperty("published").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
            }
        _rest = Sitrep.Cli.Pipelines.BeforeEvents().Build();
        _actors = new ActorCoder(ActorTable.Load());
        _events = EventCoder.Load();
        _analysed = _inputs.Select(i => _rest.Process(new Document(i.Text, new DocumentMetadata { Published = i.Published }))).ToList();
    }

    [Benchmark(Baseline = true, Description = "rest of the pipeline (dev texts)")]
    public int RestOfPipeline()
    {
        int n = 0;
        foreach (var (text, published) in _inputs) n += _rest.Process(new Document(text, new DocumentMetadata { Published = published })).TokenCount;
        return n;
    }

    [Benchmark(Description = "event coding: actors + events (same texts, analysed)")]
    public int EventCoding()
    {
        int n = 0;
        foreach (var doc in _analysed)
        {
            doc.Events.Clear();
            foreach (var e in doc.Entities) e.Actor = null;
            _actors.Process(doc);
            _events.Process(doc);
            n += doc.Events.Count;
        }
        return n;
    }
}
