using System.Net;
using System.Text.Json;

namespace Sitrep.Server.Tests;

/// <summary>The store over HTTP: documents, events, quotes, entities, stats, map and timeline, each filter and error.</summary>
public sealed class StoreApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> Get(string url)
    {
        using var response = await server.Client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<List<JsonElement>> Events(string query) =>
        [.. (await Get("/api/events?" + query)).GetProperty("items").EnumerateArray()];

    private async Task<long> PostSeed()
    {
        if (!File.Exists(ServerFixture.SeedArticle)) Assert.Skip("seed article ../shared/samples/straits-times-2016-10-27-mosul-raqqa.txt is absent");
        var text = await File.ReadAllTextAsync(ServerFixture.SeedArticle, Ct);
        using var response = await server.Client.SendAsync(server.Post("/api/documents", text, "text/plain"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Posting_the_same_article_twice_stores_it_once()
    {
        var text = "Kurdish fighters shelled Bashiqa on Monday, a commander said. \"We are advancing,\" he said. " + Guid.NewGuid();
        using var first = await server.Client.SendAsync(server.Post("/api/documents", text, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("added", a.GetProperty("outcome").GetString());
        Assert.Equal($"/api/documents/{a.GetProperty("id").GetInt64()}", first.Headers.Location?.OriginalString);

        using var second = await server.Client.SendAsync(server.Post("/api/documents", text, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("duplicate", b.GetProperty("outcome").GetString());
        Assert.Equal(a.GetProperty("id").GetInt64(), b.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Posting_documents_needs_the_api_key()
    {
        using var response = await server.Client.SendAsync(server.Post("/api/documents", "Troops advanced on Mosul.", "text/plain", key: null), Ct);
        await Problem.Expect(response, HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    [Fact]
    public async Task A_stored_seed_article_comes_back_with_annotations_and_sentences()
    {
        long id = await PostSeed();
        var stored = await Get($"/api/documents/{id}");
        Assert.Equal(id, stored.GetProperty("info").GetProperty("id").GetInt64());
        var sitrep = stored.GetProperty("sitrep");
        var text = sitrep.GetProperty("document").GetProperty("text").GetString()!;
        Assert.NotEmpty(sitrep.GetProperty("sentences").EnumerateArray());
        var carter = sitrep.GetProperty("entities").EnumerateArray().First(e => e.GetProperty("name").GetString() == "Ashton Carter");
        foreach (var m in carter.GetProperty("mentions").EnumerateArray())
            Assert.Equal(m.GetProperty("text").GetString(), text[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()]);
        Assert.Contains(sitrep.GetProperty("quotes").EnumerateArray(), q => q.GetProperty("speaker").GetString() == carter.GetProperty("id").GetString());

        var quotes = (await Get("/api/quotes?speaker=Carter")).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.Contains("carter", (q.GetProperty("speaker").GetString() ?? "").ToLowerInvariant()));

        var documents = (await Get("/api/documents?q=Raqqa")).GetProperty("items").EnumerateArray();
        Assert.Contains(documents, d => d.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Missing_or_malformed_document_ids_are_problems()
    {
        using (var response = await server.Client.GetAsync("/api/documents/999999", Ct))
            await Problem.Expect(response, HttpStatusCode.NotFound, "id");
        using (var response = await server.Client.GetAsync("/api/documents/abc", Ct))
            await Problem.Expect(response, HttpStatusCode.BadRequest, "id");
        using (var response = await server.Client.GetAsync("/api/events/999999", Ct))
            await Problem.Expect(response, HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task Event_filters_return_only_matching_events()
    {
        var mosul = await Events("place=Mosul&limit=1000");
        Assert.True(mosul.Count >= 5);
        Assert.All(mosul, e => Assert.Equal("Mosul", e.GetProperty("placeName").GetString()));

        var fights = await Events("cameo=19&limit=1000");
        Assert.True(fights.Count >= 4);
        Assert.All(fights, e => Assert.StartsWith("19", e.GetProperty("cameo").GetString()));

        var iraqi = await Events("actor=IRQ&limit=1000");
        Assert.True(iraqi.Count >= 3);
        Assert.All(iraqi, e => Assert.True((e.GetProperty("sourceActor").GetString() ?? "").StartsWith("IRQ") || (e.GetProperty("targetActor").GetString() ?? "").StartsWith("IRQ")));

        var assaults = await Events("plover=assault&limit=1000");
        Assert.All(assaults, e => Assert.Equal("ASSAULT", e.GetProperty("plover").GetString()));

        var range = await Events("from=2016-10-18&to=2016-10-19&limit=1000");
        Assert.Equal(3, range.Count(e => e.GetProperty("trigger").GetString() is "attacked" or "bombed" or "consulted"));
        Assert.All(range, e => Assert.InRange(string.CompareOrdinal(e.GetProperty("day").GetString(), "2016-10-18"), 0, 1));
        Assert.All(range, e => Assert.True(string.CompareOrdinal(e.GetProperty("day").GetString(), "2016-10-19") <= 0));

        var near = await Events("near=35.95,39.01,20&limit=1000");
        Assert.True(near.Count >= 2);
        Assert.All(near, e => Assert.Equal("Raqqa", e.GetProperty("placeName").GetString()));

        var text = await Events("q=rebels&limit=1000");
        Assert.Contains(text, e => e.GetProperty("sourceName").GetString() == "Syrian rebels");
    }

    [Fact]
    public async Task Events_page_by_cursor_without_repeats()
    {
        var seen = new HashSet<long>();
        string? cursor = null;
        int pages = 0;
        do
        {
            var page = await Get("/api/events?place=Mosul&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            foreach (var e in page.GetProperty("items").EnumerateArray()) Assert.True(seen.Add(e.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 20);
        Assert.True(pages >= 3);
        Assert.True(seen.Count >= 5);
    }

    [Fact]
    public async Task Events_export_as_csv_and_geojson()
    {
        using var csv = await server.Client.GetAsync("/api/events?place=Raqqa&format=csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,key,cameo,cameoRoot,", lines[0]);
        Assert.True(lines.Length >= 3);
        Assert.All(lines.Skip(1), l => Assert.Contains("Raqqa", l));

        using var geo = await server.Client.GetAsync("/api/events?place=Raqqa&format=geojson", Ct);
        Assert.Equal("application/geo+json", geo.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await geo.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var feature = root.GetProperty("features")[0];
        var coordinates = feature.GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal(39.00788, coordinates[0].GetDouble(), 4);
        Assert.Equal(35.95283, coordinates[1].GetDouble(), 4);

        using var quotesCsv = await server.Client.GetAsync("/api/quotes?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, quotesCsv.StatusCode);
        using var entitiesCsv = await server.Client.GetAsync("/api/entities?format=csv", Ct);
        Assert.StartsWith("type,name,", await entitiesCsv.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("/api/events?near=north", "near")]
    [InlineData("/api/events?near=95,10,5", "near")]
    [InlineData("/api/events?from=2016-13-01", "from")]
    [InlineData("/api/events?to=yesterday", "to")]
    [InlineData("/api/events?from=2016-10-20&to=2016-10-01", "from")]
    [InlineData("/api/events?limit=0", "limit")]
    [InlineData("/api/events?limit=many", "limit")]
    [InlineData("/api/events?cameo=fight", "cameo")]
    [InlineData("/api/events?colour=red", "colour")]
    [InlineData("/api/events?format=xml", "format")]
    [InlineData("/api/events?cursor=garbage", "cursor")]
    [InlineData("/api/quotes?cameo=19", "cameo")]
    [InlineData("/api/documents?format=geojson", "format")]
    [InlineData("/api/timeline?by=week", "by")]
    [InlineData("/api/map?places=maybe", "places")]
    public async Task Query_parameters_that_do_not_parse_are_problems_naming_them(string url, string field)
    {
        using var response = await server.Client.GetAsync(url, Ct);
        await Problem.Expect(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Entities_and_stats_answer()
    {
        var entities = (await Get("/api/entities?place=Mosul")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(entities, e => e.GetProperty("name").GetString() == "Mosul" && e.GetProperty("type").GetString() == "GPE");
        var stats = await Get("/api/stats");
        Assert.True(stats.GetProperty("documents").GetInt64() >= SyntheticEvents.Specs.Length);
        Assert.True(stats.GetProperty("events").GetInt64() >= SyntheticEvents.Specs.Length);
        var filtered = await Get("/api/stats?place=Raqqa");
        Assert.True(filtered.GetProperty("events").GetInt64() <= stats.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task Map_aggregates_events_per_place_by_quad_class()
    {
        var points = (await Get("/api/map")).GetProperty("points").EnumerateArray().ToList();
        var mosul = points.Single(p => p.GetProperty("kind").GetString() == "events" && p.GetProperty("name").GetString() == "Mosul");
        Assert.True(mosul.GetProperty("count").GetInt64() >= 5);
        Assert.Equal(4, mosul.GetProperty("dominantQuad").GetInt32()); // material conflict: fights and assaults
        var quads = mosul.GetProperty("quads").EnumerateArray().Select(q => q.GetInt64()).ToArray();
        Assert.Equal(mosul.GetProperty("count").GetInt64(), quads.Sum());

        var fights = (await Get("/api/map?cameo=04")).GetProperty("points").EnumerateArray().ToList();
        Assert.All(fights, p => Assert.Equal(1, p.GetProperty("dominantQuad").GetInt32()));
    }

    [Fact]
    public async Task Cached_aggregates_follow_new_documents()
    {
        const string query = "/api/map?places=false&near=15.5,32.5,30";
        Assert.Empty((await Get(query)).GetProperty("points").EnumerateArray());
        var spec = new SyntheticEvents.Spec("2016-11-02", "Khartoum", 15.5, 32.53, "SD", "190", "SDNMIL", "Sudanese troops", "fought", "rebels");
        await server.Store.AddDocumentAsync(SyntheticEvents.Build(spec, 900), Ct);
        var points = (await Get(query)).GetProperty("points").EnumerateArray().ToList();
        Assert.Equal("Khartoum", Assert.Single(points).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Timeline_counts_events_per_day_by_quad_and_root()
    {
        // Up to 2016-10-25: other tests post the seed article (Mosul, 26-27 October 2016) to the same store, in parallel.
        var t = await Get("/api/timeline?by=quad&place=Mosul&to=2016-10-25");
        var days = t.GetProperty("days").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Equal("2016-10-17", days[0]);
        Assert.Equal("2016-10-20", days[^1]);
        var conflict = t.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "4");
        Assert.Equal("Material conflict", conflict.GetProperty("label").GetString());
        Assert.Equal(2, conflict.GetProperty("counts")[days.IndexOf("2016-10-18")].GetInt64());

        var roots = await Get("/api/timeline?by=root&from=2016-10-21");
        Assert.Contains(roots.GetProperty("series").EnumerateArray(), s => s.GetProperty("key").GetString() == "20" || s.GetProperty("key").GetString() == "02");
        Assert.All(roots.GetProperty("days").EnumerateArray(), d => Assert.True(string.CompareOrdinal(d.GetString(), "2016-10-21") >= 0));
    }
}
