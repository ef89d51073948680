using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Sitrep.Extraction.Places;
using Sitrep.Storage;

namespace Sitrep.Benchmarks;

/// <summary>
/// Query latency over a generated SQLite store of 100,000 documents holding 1,000,000 events (built once, then kept in the
/// temp folder): events by place and a date range, by distance and a date range, and full-text search over the documents.
/// Document text is six random EWT sentences plus a sentence naming the document's place, so word frequencies are real.
/// Events: random CAMEO actors and codes, a day in 2015–2016, a place among the 500 most populous gazetteer cities
/// (Zipf-weighted, Mosul among them), so nearly every event is its own deduplicated event.
/// </summary>
public class QueryBenchmarks
{
    public const int Documents = 100_000;
    public const int EventsPerDocument = 10;
    private const string Version = "v1";

    private IStore _store = null!;

    public static string StorePath => Path.Combine(Path.GetTempPath(), $"sitrep-bench-store-{Documents}x{EventsPerDocument}-{Version}.db");

    /// <summary>Generates the store, or completes a partly generated one (documents are seeded by their number).</summary>
    public static void EnsureStore()
    {
        var path = StorePath;
        if (File.Exists(path + ".complete")) return;
        var clock = Stopwatch.StartNew();
        Generate(path).GetAwaiter().GetResult();
        File.WriteAllText(path + ".complete", clock.Elapsed.ToString());
        Console.WriteLine($"// generated {path} in {clock.Elapsed.TotalSeconds:N0} s");
    }

    [GlobalSetup]
    public void Setup()
    {
        var path = StorePath;
        EnsureStore();
        _store = StoreFactory.OpenAsync(path).GetAwaiter().GetResult();
        var stats = _store.StatsAsync().GetAwaiter().GetResult();
        Console.WriteLine($"// store: {stats.Documents:N0} documents, {stats.Events:N0} events, {stats.EventMentions:N0} mentions");
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public int EventsByPlaceAndMonth() =>
        _store.QueryEventsAsync(new StoreQuery { Place = "Mosul", From = new DateOnly(2016, 10, 1), To = new DateOnly(2016, 10, 31), Limit = 100 }).GetAwaiter().GetResult().Items.Count;

    [Benchmark]
    public int EventsByPlaceAndYear() =>
        _store.QueryEventsAsync(new StoreQuery { Place = "Mosul", From = new DateOnly(2016, 1, 1), To = new DateOnly(2016, 12, 31), Limit = 100 }).GetAwaiter().GetResult().Items.Count;

    [Benchmark]
    public int EventsNearAndMonth() =>
        _store.QueryEventsAsync(new StoreQuery { Near = new GeoCircle(36.34, 43.13, 100), From = new DateOnly(2016, 10, 1), To = new DateOnly(2016, 10, 31), Limit = 100 }).GetAwaiter().GetResult().Items.Count;

    [Benchmark]
    public int FullTextCommonWords() =>
        _store.QueryDocumentsAsync(new StoreQuery { Text = "government police", Limit = 100 }).GetAwaiter().GetResult().Items.Count;

    [Benchmark]
    public int FullTextRareWord() =>
        _store.QueryDocumentsAsync(new StoreQuery { Text = "earthquake", Limit = 100 }).GetAwaiter().GetResult().Items.Count;

    internal static Task Generate(string path) => Generate(path, Documents);

    // EWT sentences and the 500 most populous gazetteer cities (Mosul among them), loaded once per process.
    private static readonly Lazy<(string[] Sentences, List<(GazetteerEntry Entry, string Name)> Cities)> s_inputs = new(() =>
    {
        var sentences = BenchmarkCorpus.RawText(BenchmarkCorpus.Ewt("train")!)
            .Split(['\n', '.'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 30).ToArray();
        var gaz = Gazetteer.Load(Gazetteer.DefaultPath());
        var cities = Enumerable.Range(0, gaz.Count).Select(i => (Entry: gaz[i], Name: gaz.Name(i)))
            .Where(c => c.Entry.Kind == PlaceKind.City).OrderByDescending(c => c.Entry.Population).Take(499).ToList();
        int mosul = Enumerable.Range(0, gaz.Count).First(i => gaz.Name(i) == "Mosul" && gaz[i].Kind == PlaceKind.City);
        cities.Insert(7, (gaz[mosul], "Mosul"));
        return (sentences, cities);
    });

    /// <summary>Adds generated documents (numbered from the store's current count up to <paramref name="documents"/>).</summary>
    internal static async Task Generate(string path, int documents)
    {
        var (sentences, cities) = s_inputs.Value;
        string[] actors = ["IRQMIL", "IRQGOV", "IRQCVL", "IMGMUSISI", "SYRMIL", "SYRGOV", "SYRREB", "USAMIL", "USAGOV", "TURMIL", "TURGOV", "IRNGOV", "RUSMIL",
                           "RUSGOV", "KURMIL", "FRAGOV", "GBRGOV", "UNO", "IGOUNO", "NGO", "LBNMIL", "ISRMIL", "PSEREB", "AFGGOV", "AFGINS", "PAKMIL", "NGAMIL", "NGAREB", "YEMREB", "SAUMIL"];
        string[] codes = ["010", "020", "036", "040", "042", "043", "051", "057", "061", "071", "080", "090", "100", "111", "112", "120", "130", "138", "141",
                          "145", "150", "160", "172", "173", "180", "181", "182", "183", "186", "190", "193", "194", "195", "200"];
        string[] plover = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
        var start = new DateTime(2015, 1, 1);
        await using var store = await StoreFactory.OpenAsync(path);
        int done = (int)(await store.StatsAsync()).Documents;
        var batch = new WriteBatch();
        for (int d = done; d < documents; d++)
        {
            var rng = new Random(20161027 + d);
            var (city, cityName) = cities[Zipf(rng, cities.Count)];
            var day = start.AddDays(rng.Next(730));
            var text = new System.Text.StringBuilder();
            text.Append("Report from ").Append(cityName).Append(" number ").Append(d).Append(". ");
            for (int s = 0; s < 6; s++) text.Append(sentences[rng.Next(sentences.Length)]).Append(". ");
            var doc = new Document(text.ToString(), new DocumentMetadata
            {
                Title = $"Report {d}", Publisher = "Outlet " + rng.Next(40), Source = $"generated/{d}.txt",
                Published = new DateTimeOffset(day, TimeSpan.Zero),
            });
            int at = "Report from ".Length;
            var place = new Entity { Id = "e1", Type = EntityType.GPE, Name = cityName, Place = new Place(city.Lat, city.Lon, city.GeonameId, city.CountryCode, city.Admin1, city.FeatureCode) };
            place.Mentions.Add(new Mention(at, at + cityName.Length, cityName));
            doc.Entities.Add(place);
            for (int e = 0; e < EventsPerDocument; e++)
            {
                var (other, otherName) = e < 4 ? (city, cityName) : cities[Zipf(rng, cities.Count)];
                var pe = other == city ? place : new Entity { Id = "e" + (doc.Entities.Count + 1), Type = EntityType.GPE, Name = otherName, Place = new Place(other.Lat, other.Lon, other.GeonameId, other.CountryCode, other.Admin1, other.FeatureCode) };
                if (pe != place) { pe.Mentions.Add(new Mention(at, at + cityName.Length, cityName)); doc.Entities.Add(pe); }
                var code = codes[rng.Next(codes.Length)];
                doc.Events.Add(new Event
                {
                    Id = "ev" + (e + 1), Cameo = code, Plover = plover[rng.Next(plover.Length)], SourceActor = actors[rng.Next(actors.Length)], TargetActor = actors[rng.Next(actors.Length)],
                    Date = day.AddDays(-rng.Next(3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Place = pe.Id, Sentence = 0,
                    Trigger = new EventTrigger(0, 6, "Report"),
                });
            }
            batch.Documents.Add(new DocumentInput(doc));
            if (batch.Documents.Count == 1000)
            {
                await store.WriteAsync(batch);
                batch = new WriteBatch();
                if ((d + 1) % 10_000 == 0) Console.WriteLine($"// {d + 1:N0} documents");
            }
        }
        await store.WriteAsync(batch);
    }

    private static int Zipf(Random rng, int n)
    {
        // Rank r with probability ~ 1/(r+1): a few cities get most of the news, as in real coverage.
        double h = Math.Log(n + 1);
        return Math.Min(n - 1, (int)Math.Exp(rng.NextDouble() * h) - 1);
    }
}
