using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Sitrep;
using Sitrep.Storage;

// Load measurements for `sitrep serve` (see bench/server-load.md):
//   seed DB EVENTS        fill a store with EVENTS synthetic events (100 per document, distinct dedup keys)
//   page URL [RUNS]       time the page's first interactive view in headless Chromium, per view
//   article BYTES         print an article of about BYTES bytes (for POST /api/extract)
return args switch
{
    ["seed", var db, var n] => await Seed(db, int.Parse(n, CultureInfo.InvariantCulture)),
    ["page", var url] => await Page(url, 5),
    ["page", var url, var runs] => await Page(url, int.Parse(runs, CultureInfo.InvariantCulture)),
    ["article", var bytes] => Article(int.Parse(bytes, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Sitrep.Server.Load seed DB EVENTS | page URL [RUNS] | article BYTES");
    return 2;
}

static async Task<int> Seed(string db, int events)
{
    const int perDocument = 100;
    string[] actors = ["IRQ", "IRQMIL", "SYR", "SYRREB", "USA", "USAGOV", "USAMIL", "TUR", "TURMIL", "IRN", "RUS", "RUSMIL", "FRA", "GBR", "IMGMUS", "KUR", "SAU", "JOR", "LBN", "ISR"];
    string[] cameos = ["010", "020", "036", "040", "042", "051", "057", "061", "070", "080", "090", "100", "111", "120", "130", "138", "141", "150", "160", "173", "180", "183", "190", "193", "195", "200"];
    var rng = new Random(20161027);
    var places = Enumerable.Range(0, 400).Select(i => (Name: $"City{i:D3}", Lat: 10 + rng.NextDouble() * 40, Lon: -10 + rng.NextDouble() * 70, Country: i % 2 == 0 ? "IQ" : "SY")).ToArray();
    // Mosul is one of them so the README's example filters find something.
    places[0] = ("Mosul", 36.335, 43.119, "IQ");
    var start = new DateOnly(2015, 1, 1);
    await using var store = await StoreFactory.OpenAsync(db);
    var clock = Stopwatch.StartNew();
    int documents = (events + perDocument - 1) / perDocument;
    var batch = new WriteBatch();
    for (int d = 0; d < documents; d++)
    {
        var day = start.AddDays(rng.Next(0, 730));
        var text = new System.Text.StringBuilder();
        text.Append("Synthetic report ").Append(d).Append("\n\n");
        var doc = new Document("", null);
        var sentences = new List<(int Start, int End, string Verb, int S, int T, int P, string Cameo, DateOnly Day)>();
        for (int e = 0; e < perDocument && d * perDocument + e < events; e++)
        {
            int s = rng.Next(actors.Length), t = rng.Next(actors.Length), p = rng.Next(places.Length);
            string verb = "acted";
            int begin = text.Length;
            text.Append(actors[s]).Append(" forces ").Append(verb).Append(" against ").Append(actors[t]).Append(" in ").Append(places[p].Name).Append(". ");
            sentences.Add((begin, text.Length, verb, s, t, p, cameos[rng.Next(cameos.Length)], day.AddDays(-rng.Next(0, 3))));
        }
        var full = text.ToString();
        doc = new Document(full, new DocumentMetadata
        {
            Id = $"load-{d}", Source = $"load/{d}.txt", Title = $"Synthetic report {d}", Publisher = $"Wire{d % 7}",
            Published = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        });
        var entityIds = new Dictionary<string, string>();
        string EntityFor(string name, EntityType type, string? actor, int start, Place? place)
        {
            if (!entityIds.TryGetValue(name, out var id))
            {
                id = "e" + (entityIds.Count + 1).ToString(CultureInfo.InvariantCulture);
                entityIds[name] = id;
                doc.Entities.Add(new Entity { Id = id, Type = type, Name = name, Actor = actor, Place = place });
            }
            doc.Entities.First(x => x.Id == id).Mentions.Add(new Mention(start, start + name.Length, name));
            return id;
        }
        for (int i = 0; i < sentences.Count; i++)
        {
            var (b, _, verb, s, t, p, cameo, evDay) = sentences[i];
            string src = actors[s] + " forces", tgt = actors[t], city = places[p].Name;
            string srcId = EntityFor(src, EntityType.ORG, actors[s], b, null);
            int tgtAt = full.IndexOf(" against ", b, StringComparison.Ordinal) + 9;
            string tgtId = EntityFor(tgt, EntityType.GPE, actors[t], tgtAt, null);
            int cityAt = full.IndexOf(" in ", tgtAt, StringComparison.Ordinal) + 4;
            string placeId = EntityFor(city, EntityType.GPE, null, cityAt, new Place(places[p].Lat, places[p].Lon, 1000 + p, places[p].Country, null, "PPL"));
            int trig = full.IndexOf(verb, b, StringComparison.Ordinal);
            doc.Events.Add(new Event
            {
                Id = "ev" + (i + 1).ToString(CultureInfo.InvariantCulture), Cameo = cameo, Source = srcId, Target = tgtId,
                SourceActor = actors[s], TargetActor = actors[t], Date = evDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Place = placeId, Sentence = i + 1, Trigger = new EventTrigger(trig, trig + verb.Length, verb),
                Plover = cameo.StartsWith("19", StringComparison.Ordinal) || cameo.StartsWith("18", StringComparison.Ordinal) ? "ASSAULT" : null,
            });
        }
        batch.Documents.Add(new DocumentInput(doc));
        if (batch.Documents.Count == 100 || d == documents - 1)
        {
            await store.WriteAsync(batch);
            batch = new WriteBatch();
            Console.Error.Write($"\r{d + 1}/{documents} documents, {clock.Elapsed.TotalSeconds:N0} s");
        }
    }
    var stats = await store.StatsAsync();
    Console.Error.WriteLine();
    Console.WriteLine($"seeded {stats.Documents} documents, {stats.Events} deduplicated events ({stats.EventMentions} mentions) in {clock.Elapsed.TotalSeconds:N1} s into {store.Description}");
    return 0;
}

static async Task<int> Page(string url, int runs)
{
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium", Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    (string View, string Hash, string Ready)[] views =
    [
        ("events", "#/events", "[data-testid=events-table] tbody tr"),
        ("map", "#/map", ".mk.events"),
        ("timeline", "#/timeline", "[data-testid=timeline-chart] .u-over"),
        ("quotes", "#/quotes", "[data-testid=quote-groups] > *"),
    ];
    Console.WriteLine("| view | first interactive from navigation start, median (ms) | max (ms) | transferred (KB) |");
    Console.WriteLine("|---|---:|---:|---:|");
    string lastTrace = "";
    foreach (var (view, hash, ready) in views)
    {
        var times = new List<double>();
        long bytes = 0;
        for (int i = 0; i <= runs; i++)
        {
            // A fresh context per run: nothing cached, as on a first visit.
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(url.TrimEnd('/') + "/" + hash, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            await page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            // The page marks 'sitrep:ready' once a view has drawn its data and the next frame has painted; the time is
            // the browser's own (from the navigation's start), without this tool's round trips to the browser.
            await page.WaitForFunctionAsync("() => performance.getEntriesByName('sitrep:ready').length > 0");
            double ms = await page.EvaluateAsync<double>("() => performance.getEntriesByName('sitrep:ready')[0].startTime");
            long received = await page.EvaluateAsync<long>("() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0)");
            lastTrace = await page.EvaluateAsync<string>("() => performance.getEntriesByType('resource').map(e => e.name.replace(location.origin, '') + ' ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd)).join(', ')");
            if (i > 0) { times.Add(ms); bytes = received; } // run 0 warms the server
        }
        times.Sort();
        Console.WriteLine($"| {view} | {times[times.Count / 2]:N0} | {times[^1]:N0} | {bytes / 1024.0:N0} |");
        if (Environment.GetEnvironmentVariable("SITREP_PAGE_TRACE") == "1") Console.Error.WriteLine(view + ": " + lastTrace);
    }
    return 0;
}

static int Article(int bytes)
{
    string[] paragraphs =
    [
        "BAGHDAD • Iraqi forces pushed into the eastern districts of Mosul on Tuesday, two weeks after the offensive began, military officials said.",
        "\"We are advancing on several fronts and the enemy is collapsing,\" said Lieutenant General Abdul Wahab al-Saadi, a commander of the counter-terrorism service.",
        "About 30,000 troops, Kurdish Peshmerga fighters and Sunni tribesmen are taking part, backed by air strikes from the US-led coalition.",
        "The United Nations said more than 16,000 people had fled their homes since the operation began on Oct 17, and warned that up to a million could be displaced.",
        "US Defence Secretary Ashton Carter said on Wednesday that the campaign to isolate Raqqa would begin while the battle for Mosul was still under way.",
        "A US military official, speaking on condition of anonymity, said the coalition had killed dozens of militants in strikes near Bashiqa and Qayyara.",
    ];
    var sb = new System.Text.StringBuilder("Iraqi troops push into Mosul\n\n");
    for (int i = 0; sb.Length < bytes; i++) sb.Append(paragraphs[i % paragraphs.Length]).Append("\n\n");
    Console.Write(sb.ToString()[..bytes].TrimEnd() + "\n");
    return 0;
}
