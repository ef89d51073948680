using System.Net;
using System.Text;
using System.Text.Json;

namespace Sitrep.Server.Tests;

/// <summary>POST /api/extract over real HTTP on 127.0.0.1: the three body forms, offsets, and every refusal.</summary>
public sealed class ExtractApiTests(ServerFixture server)
{
    private const string Article =
        "Iraqi forces advance on Mosul\n\nBAGHDAD • Iraqi troops advanced on Mosul on Tuesday, officials said. " +
        "\"We will liberate the city,\" said Prime Minister Haider al-Abadi. About 30,000 troops are taking part.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> ExtractOk(string body, string contentType)
    {
        using var response = await server.Client.SendAsync(server.Post("/api/extract", body, contentType), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void AssertOffsetsMatchText(JsonElement sitrep)
    {
        var text = sitrep.GetProperty("document").GetProperty("text").GetString()!;
        int checkedSpans = 0;
        foreach (var entity in sitrep.GetProperty("entities").EnumerateArray())
            foreach (var m in entity.GetProperty("mentions").EnumerateArray())
            {
                int s = m.GetProperty("start").GetInt32(), e = m.GetProperty("end").GetInt32();
                Assert.Equal(m.GetProperty("text").GetString(), text[s..e]);
                checkedSpans++;
            }
        foreach (var kind in new[] { "quotes", "times", "quantities" })
            foreach (var a in sitrep.GetProperty(kind).EnumerateArray())
            {
                int s = a.GetProperty("start").GetInt32(), e = a.GetProperty("end").GetInt32();
                Assert.InRange(s, 0, e);
                Assert.InRange(e, s, text.Length);
                if (kind != "quotes") Assert.Equal(a.GetProperty("text").GetString(), text[s..e]);
                checkedSpans++;
            }
        Assert.True(checkedSpans > 0, "no annotations to check");
    }

    [Fact]
    public async Task Plain_text_returns_sitrep_json_with_offsets_into_the_text()
    {
        var sitrep = await ExtractOk(Article, "text/plain; charset=utf-8");
        Assert.Equal("sitrep/1", sitrep.GetProperty("schema").GetString());
        Assert.Contains(sitrep.GetProperty("entities").EnumerateArray(), e => e.GetProperty("name").GetString()!.Contains("Mosul"));
        Assert.NotEmpty(sitrep.GetProperty("quotes").EnumerateArray());
        AssertOffsetsMatchText(sitrep);
    }

    [Fact]
    public async Task Html_body_is_reduced_to_its_article_text()
    {
        var html = "<html><head><title>Mosul offensive</title></head><body><nav>Home | World</nav><article><h1>Mosul offensive</h1>" +
                   "<p>Iraqi troops advanced on Mosul on Tuesday, officials said.</p><p>About 30,000 troops are taking part, the army said.</p></article></body></html>";
        var sitrep = await ExtractOk(html, "text/html");
        var text = sitrep.GetProperty("document").GetProperty("text").GetString()!;
        Assert.Contains("Iraqi troops advanced on Mosul", text);
        Assert.DoesNotContain("<p>", text);
        AssertOffsetsMatchText(sitrep);
    }

    [Fact]
    public async Task Json_article_form_keeps_its_metadata()
    {
        var body = JsonSerializer.Serialize(new { id = "a1", url = "https://example.org/a1", title = "Mosul", text = Article, published = "2016-10-25", publisher = "Example News" });
        var sitrep = await ExtractOk(body, "application/json");
        var doc = sitrep.GetProperty("document");
        Assert.Equal("a1", doc.GetProperty("id").GetString());
        Assert.Equal("Example News", doc.GetProperty("publisher").GetString());
        Assert.Equal("2016-10-25", doc.GetProperty("published").GetString());
        // Tuesday resolves against the publication date.
        Assert.Contains(sitrep.GetProperty("times").EnumerateArray(), t => t.GetProperty("value").GetString() == "2016-10-25");
    }

    [Fact]
    public async Task Html_in_article_text_comes_back_as_text()
    {
        var sitrep = await ExtractOk("Officials said <script>window.pwned = 1</script> nothing happened in Mosul.", "text/plain");
        Assert.Contains("<script>", sitrep.GetProperty("document").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Unknown_json_field_is_refused_naming_the_field()
    {
        using var response = await server.Client.SendAsync(server.Post("/api/extract", """{"text":"Troops advanced.","headline":"x"}""", "application/json"), Ct);
        await Problem.Expect(response, HttpStatusCode.BadRequest, "headline");
    }

    [Fact]
    public async Task Malformed_json_is_refused()
    {
        using var response = await server.Client.SendAsync(server.Post("/api/extract", """{"text": "Troops advanced.",""", "application/json"), Ct);
        var problem = await Problem.Expect(response, HttpStatusCode.BadRequest, "body");
        Assert.Contains("malformed JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Json_without_text_or_with_a_wrong_type_names_the_field()
    {
        using (var response = await server.Client.SendAsync(server.Post("/api/extract", """{"title":"x"}""", "application/json"), Ct))
            await Problem.Expect(response, HttpStatusCode.BadRequest, "text");
        using (var response = await server.Client.SendAsync(server.Post("/api/extract", """{"text":"Troops advanced.","published":20161025}""", "application/json"), Ct))
            await Problem.Expect(response, HttpStatusCode.BadRequest, "published");
        using (var response = await server.Client.SendAsync(server.Post("/api/extract", """["text"]""", "application/json"), Ct))
            await Problem.Expect(response, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Binary_upload_is_refused()
    {
        var bytes = new byte[2048];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/extract") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("text/plain");
        request.Headers.Add("X-Api-Key", ServerFixture.ApiKey);
        using (var response = await server.Client.SendAsync(request, Ct))
            await Problem.Expect(response, HttpStatusCode.UnsupportedMediaType, "body");

        var octets = new HttpRequestMessage(HttpMethod.Post, "/api/extract") { Content = new ByteArrayContent(bytes) };
        octets.Content.Headers.ContentType = new("application/octet-stream");
        octets.Headers.Add("X-Api-Key", ServerFixture.ApiKey);
        using (var response = await server.Client.SendAsync(octets, Ct))
            await Problem.Expect(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Fact]
    public async Task Oversized_body_gets_413_and_the_server_keeps_serving()
    {
        var big = new string('a', (int)ServerFixture.MaxBody + 10);
        using (var response = await server.Client.SendAsync(server.Post("/api/extract", big, "text/plain"), Ct))
            await Problem.Expect(response, HttpStatusCode.RequestEntityTooLarge, "body");

        // Without a Content-Length (chunked), the limit applies while reading.
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/extract") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) };
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Content.Headers.ContentType = new("text/plain");
        chunked.Headers.Add("X-Api-Key", ServerFixture.ApiKey);
        // Kestrel answers 413 and closes the connection while the client may still be sending, so the client sees
        // either the problem or a connection ended by the server; both are a refusal, and the server must keep serving.
        try
        {
            using var response = await server.Client.SendAsync(chunked, Ct);
            await Problem.Expect(response, HttpStatusCode.RequestEntityTooLarge, "body");
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
        }

        await ExtractOk(Article, "text/plain");
    }

    [Fact]
    public async Task Empty_body_is_refused()
    {
        using var response = await server.Client.SendAsync(server.Post("/api/extract", "", "text/plain"), Ct);
        await Problem.Expect(response, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Missing_or_wrong_api_key_gets_401()
    {
        using (var response = await server.Client.SendAsync(server.Post("/api/extract", Article, "text/plain", key: null), Ct))
            await Problem.Expect(response, HttpStatusCode.Unauthorized, "X-Api-Key");
        using (var response = await server.Client.SendAsync(server.Post("/api/extract", Article, "text/plain", key: "wrong"), Ct))
            await Problem.Expect(response, HttpStatusCode.Unauthorized, "X-Api-Key");

        var bearer = server.Post("/api/extract", Article, "text/plain", key: null);
        bearer.Headers.Authorization = new("Bearer", ServerFixture.ApiKey);
        using (var response = await server.Client.SendAsync(bearer, Ct))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_are_problems()
    {
        using (var response = await server.Client.GetAsync("/api/nothing-here", Ct))
            await Problem.Expect(response, HttpStatusCode.NotFound, "path");
        using (var response = await server.Client.GetAsync("/no/such/page.txt", Ct))
            await Problem.Expect(response, HttpStatusCode.NotFound, "path");
        using (var response = await server.Client.GetAsync("/api/extract", Ct))
            Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_endpoints()
    {
        var json = await server.Client.GetStringAsync("/openapi.json", Ct);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        var paths = root.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/extract", out var extract));
        var content = extract.GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("text/plain", out _));
        Assert.True(content.TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task The_page_is_served_at_the_root()
    {
        var html = await server.Client.GetStringAsync("/", Ct);
        Assert.Contains("<title>Sitrep</title>", html);
        Assert.Matches("src=\"/assets/index-[^\"]+\\.js\"", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }
}
