using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Sitrep.Ingest.Metadata;

namespace Sitrep.Ingest;

/// <summary>
/// One HTML page: SmartReader finds the article body and title; AngleSharp reads the page's own metadata
/// (Open Graph, article:*, author, canonical URL, &lt;time datetime&gt;, JSON-LD), which wins over SmartReader's guesses.
/// Figure captions are removed before SmartReader runs, because it keeps them in the body otherwise.
/// </summary>
public sealed class HtmlArticleReader
{
    // SmartReader needs an absolute URI to resolve links; it is not fetched.
    private const string PlaceholderUri = "https://localhost/article";

    private readonly ArticleAssembler _assembler;

    public HtmlArticleReader(ArticleAssembler assembler) => _assembler = assembler ?? throw new ArgumentNullException(nameof(assembler));

    public Document Read(string html, string source)
    {
        ArgumentNullException.ThrowIfNull(html);
        // A parser per call: AngleSharp parsers are cheap, and this keeps the reader free of shared mutable state.
        var parser = new HtmlParser();
        var page = parser.ParseDocument(html);
        var known = ReadPageMetadata(page);

        foreach (var caption in page.QuerySelectorAll("figcaption").ToArray()) caption.Remove();

        var uri = known.Url is { } u && Uri.TryCreate(u, UriKind.Absolute, out var abs) && (abs.Scheme == "http" || abs.Scheme == "https") ? u : PlaceholderUri;
        var article = new SmartReader.Reader(uri, page).GetArticle();

        string text = "";
        if (!string.IsNullOrWhiteSpace(article.Content))
            text = TextNormalizer.Normalize(HtmlText.ToText(parser.ParseDocument(article.Content), skipPageChrome: false));
        if (text.Length == 0)
        {
            // SmartReader found no article (short or unusual page): fall back to the page body without its furniture.
            var fresh = parser.ParseDocument(html);
            if (fresh.Body is { } body) text = TextNormalizer.Normalize(HtmlText.ToText(body, skipPageChrome: true));
        }
        if (text.Length == 0) throw new SitrepInputException(source, "HTML contains no article text");

        known = known with
        {
            Title = known.Title ?? CleanTitle(article.Title, known.Publisher ?? NullIfBlank(article.SiteName)),
            Byline = known.Byline ?? CleanByline(article.Byline) ?? CleanByline(article.Author),
            Publisher = known.Publisher ?? NullIfBlank(article.SiteName),
            Language = known.Language ?? NullIfBlank(article.Language),
        };
        return _assembler.Assemble(text, known, source);
    }

    /// <summary>What the page says about itself in &lt;meta&gt;, &lt;link&gt;, &lt;time&gt; and JSON-LD.</summary>
    private static DocumentMetadata ReadPageMetadata(IHtmlDocument page)
    {
        var ld = ReadJsonLd(page);
        string? title = Meta(page, "property", "og:title") ?? Meta(page, "name", "twitter:title") ?? ld.Headline;
        string? publisher = Meta(page, "property", "og:site_name") ?? ld.Publisher;
        string? byline = Meta(page, "name", "author") ?? NotUrl(Meta(page, "property", "article:author")) ?? ld.Author;
        string? url = Meta(page, "property", "og:url") ?? NullIfBlank(page.QuerySelector("link[rel='canonical']")?.GetAttribute("href"));
        string? language = NullIfBlank(page.DocumentElement?.GetAttribute("lang"));

        DateTimeOffset? published = null;
        bool hasTime = false;
        string?[] dateCandidates =
        [
            Meta(page, "property", "article:published_time"),
            Meta(page, "itemprop", "datePublished"),
            page.QuerySelector("[itemprop='datePublished'][datetime]")?.GetAttribute("datetime"),
            ld.DatePublished,
            Meta(page, "name", "pubdate"),
            Meta(page, "name", "date"),
            page.QuerySelector("time[datetime]")?.GetAttribute("datetime"),
        ];
        foreach (var candidate in dateCandidates)
        {
            if (NewsDates.TryParseIso(candidate, out var value, out hasTime))
            {
                published = value;
                break;
            }
        }

        return new DocumentMetadata
        {
            Title = title,
            Publisher = publisher,
            Byline = byline,
            Url = url,
            Language = language,
            Published = published,
            PublishedHasTime = published is not null && hasTime,
        };
    }

    private static string? Meta(IHtmlDocument page, string attribute, string value)
    {
        foreach (var element in page.QuerySelectorAll("meta"))
        {
            if (string.Equals(element.GetAttribute(attribute), value, StringComparison.OrdinalIgnoreCase)
                && NullIfBlank(element.GetAttribute("content")) is { } content)
                return content;
        }
        return null;
    }

    private readonly record struct JsonLdFacts(string? Headline, string? DatePublished, string? Publisher, string? Author);

    /// <summary>The first NewsArticle-like object in the page's JSON-LD (top level, array, or @graph). Broken JSON-LD is ignored.</summary>
    private static JsonLdFacts ReadJsonLd(IHtmlDocument page)
    {
        foreach (var script in page.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent);
                if (FindArticle(json.RootElement, depth: 0) is { } facts) return facts;
            }
            catch (JsonException)
            {
                // Pages often ship invalid JSON-LD; the meta tags are enough then.
            }
        }
        return default;
    }

    private static JsonLdFacts? FindArticle(JsonElement element, int depth)
    {
        if (depth > 4) return null;
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                if (FindArticle(item, depth + 1) is { } found) return found;
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object) return null;
        if (element.TryGetProperty("@graph", out var graph) && FindArticle(graph, depth + 1) is { } inGraph) return inGraph;
        if (!element.TryGetProperty("datePublished", out _) && !element.TryGetProperty("headline", out _)) return null;
        return new JsonLdFacts(StringOf(element, "headline"), StringOf(element, "datePublished"), NameOf(element, "publisher"), NameOf(element, "author"));
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? NullIfBlank(value.GetString()) : null;

    /// <summary>A string, an object with "name", or the first of an array of those.</summary>
    private static string? NameOf(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray()) { value = item; break; }
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => NullIfBlank(value.GetString()),
            JsonValueKind.Object => StringOf(value, "name"),
            _ => null,
        };
    }

    /// <summary>Drops a " | Site" or " - Site" suffix that page titles carry.</summary>
    private static string? CleanTitle(string? title, string? site)
    {
        title = NullIfBlank(title);
        if (title is null || site is null) return title;
        ReadOnlySpan<string> separators = [" | ", " - ", " – ", " — ", " :: "];
        foreach (var separator in separators)
        {
            var suffix = separator + site;
            if (title.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && title.Length > suffix.Length)
                return title[..^suffix.Length].Trim();
        }
        return title;
    }

    private static string? CleanByline(string? byline)
    {
        byline = NullIfBlank(byline);
        if (byline is null) return null;
        if (byline.StartsWith("By ", StringComparison.OrdinalIgnoreCase)) byline = byline[3..].Trim();
        return byline.Length == 0 ? null : byline;
    }

    private static string? NotUrl(string? value) =>
        value is not null && (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ? null : value;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
