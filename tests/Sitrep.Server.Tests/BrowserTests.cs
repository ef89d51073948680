using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Sitrep.Server.Tests;

/// <summary>The page in real headless Chromium against the real server: each view, clicked and checked.</summary>
public sealed class BrowserTests(ServerFixture server, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> IngestSeed()
    {
        if (!File.Exists(ServerFixture.SeedArticle)) Assert.Skip("seed article ../shared/samples/straits-times-2016-10-27-mosul-raqqa.txt is absent");
        var text = await File.ReadAllTextAsync(ServerFixture.SeedArticle, Ct);
        using var response = await server.Client.SendAsync(server.Post("/api/documents", text, "text/plain"), Ct);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetInt64();
    }

    private async Task<IPage> Open(string hash)
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(server.BaseAddress, "/" + hash).ToString());
        return page;
    }

    [Fact]
    public async Task Article_view_shows_Ashton_Carters_quotes_when_his_name_is_clicked()
    {
        long id = await IngestSeed();
        var page = await Open($"#/article/{id}");
        var carter = page.Locator("[data-entity='Ashton Carter']").First;
        await carter.WaitForAsync();
        await carter.ClickAsync();
        var quotes = page.Locator("[data-testid=entity-quotes] li");
        await quotes.First.WaitForAsync();
        Assert.True(await quotes.CountAsync() >= 1);
        Assert.Contains("Ashton Carter", await page.Locator("[data-testid=details] h3").First.TextContentAsync());
        // The clicked mention's sentence is highlighted as evidence.
        Assert.True(await page.Locator(".seg.evidence").CountAsync() > 0);
        await BrowserFixture.ScreenshotAsync(page, "article");
    }

    [Fact]
    public async Task Map_shows_a_marker_at_Mosul_that_lists_its_events()
    {
        var page = await Open("#/map");
        // Zoomed out to every event (the seed article adds Paris), Mosul's marker may sit in a cluster with Raqqa's:
        // filter the map to the city as an analyst would.
        await page.Locator("[data-testid=filters] input[name=place]").FillAsync("Mosul");
        await page.Locator("[data-testid=filters] button[type=submit]").ClickAsync();
        var mosul = page.Locator(".mk.events[data-name='Mosul']");
        await mosul.WaitForAsync();
        await mosul.ClickAsync();
        var list = page.Locator("[data-testid=marker-events] li");
        await list.First.WaitForAsync();
        Assert.True(await list.CountAsync() >= 5);
        Assert.Equal("Mosul", await page.Locator("[data-testid=map-panel] h3").TextContentAsync());
        await BrowserFixture.ScreenshotAsync(page, "map");
    }

    [Fact]
    public async Task Brushing_the_timeline_filters_the_events_table()
    {
        var page = await Open("#/timeline");
        var over = page.Locator("[data-testid=timeline-chart] .u-over");
        await over.WaitForAsync();
        var rows = page.Locator("[data-testid=events-table] tbody tr");
        await rows.First.WaitForAsync();
        int before = await rows.CountAsync();

        var box = (await over.BoundingBoxAsync())!;
        // Brush the last fifth of the axis: the most recent days hold events whichever articles are stored,
        // and the oldest day (the seed article's 2015 attacks, or the first synthetic day) falls outside.
        await page.Mouse.MoveAsync(box.X + box.Width * 0.80f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.995f, box.Y + box.Height / 2, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();

        await page.Locator("#range:not([hidden])").WaitForAsync();
        var from = await page.Locator("[data-testid=filters] input[name=from]").InputValueAsync();
        var to = await page.Locator("[data-testid=filters] input[name=to]").InputValueAsync();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", from);
        await page.WaitForFunctionAsync("n => document.querySelectorAll('[data-testid=events-table] tbody tr').length < n", before);
        var days = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.day)");
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.InRange(string.CompareOrdinal(d, from), 0, int.MaxValue));
        Assert.All(days, d => Assert.True(string.CompareOrdinal(d, to) <= 0, $"{d} after {to}"));
        await BrowserFixture.ScreenshotAsync(page, "timeline");
    }

    [Fact]
    public async Task Events_table_sorts_and_links_to_the_evidence_sentence()
    {
        var page = await Open("#/events");
        var rows = page.Locator("[data-testid=events-table] tbody tr");
        await rows.First.WaitForAsync();
        await page.Locator("[data-testid=events-table] th", new() { HasText = "Place" }).ClickAsync();
        var places = await page.Locator("[data-testid=events-table] tbody tr td:nth-child(6)").AllTextContentsAsync();
        Assert.Equal(places.Order(StringComparer.CurrentCulture).ToList(), places.ToList());
        await BrowserFixture.ScreenshotAsync(page, "events");

        var link = page.Locator("[data-testid=events-table] tbody tr a", new() { HasText = "clashed with" }).First;
        await link.ClickAsync();
        var evidence = page.Locator(".seg.evidence");
        await evidence.First.WaitForAsync();
        var sentence = string.Concat(await evidence.AllTextContentsAsync());
        Assert.Contains("clashed with", sentence);
    }

    [Fact]
    public async Task Quote_browser_groups_quotes_by_speaker()
    {
        await IngestSeed();
        var page = await Open("#/quotes");
        var carter = page.Locator(".quote-group[data-speaker='Ashton Carter']");
        await carter.WaitForAsync();
        Assert.True(await carter.Locator("li").CountAsync() >= 1);
        Assert.True(await page.Locator("h2", new() { HasText = "Anonymous" }).CountAsync() + await page.Locator("h2", new() { HasText = "Named" }).CountAsync() >= 1);
        await BrowserFixture.ScreenshotAsync(page, "quotes");
    }

    [Fact]
    public async Task Pasted_article_with_a_script_tag_is_shown_as_text_not_run()
    {
        var page = await Open("#/extract");
        await page.Locator("input[name=apiKey]").FillAsync(ServerFixture.ApiKey);
        var article = "Iraqi troops advanced on Mosul on Tuesday. <script>window.pwned = 1; document.title = 'pwned';</script> " +
                      "<img src=x onerror=\"window.pwned = 2\"> \"We will win,\" said Prime Minister Haider al-Abadi.";
        await page.Locator("[data-testid=paste]").FillAsync(article);
        await page.Locator("[data-testid=extract-button]").ClickAsync();
        var text = page.Locator("[data-testid=extract-out] [data-testid=doc-text]");
        await text.WaitForAsync();
        var shown = await text.EvaluateAsync<string>("e => [...e.querySelectorAll('.seg')].map(s => s.textContent).join('')");
        Assert.Contains("<script>window.pwned = 1; document.title = 'pwned';</script>", shown);
        Assert.Contains("<img src=x onerror=\"window.pwned = 2\">", shown);
        Assert.Equal(0, await page.Locator("[data-testid=extract-out] script, [data-testid=extract-out] img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        Assert.NotEqual("pwned", await page.TitleAsync());
        await BrowserFixture.ScreenshotAsync(page, "extract");
    }
}
