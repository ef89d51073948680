using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Sitrep.Ingest.Feeds;

/// <summary>
/// RSS 2.0, RSS 1.0 (RDF) and Atom feed files: one <see cref="RawArticle"/> per item, read from the local HTML file the
/// item links to when there is one beside the feed, else from the item's own content (content:encoded, description,
/// Atom content or summary). The XML is read with DTDs prohibited and no resolver, so entity bombs ("billion laughs")
/// and external entities are refused before any expansion.
/// </summary>
public sealed class FeedReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";

    private readonly long _maxBytes;

    public FeedReader(long maxBytes = IngestOptions.DefaultMaxBytes) => _maxBytes = maxBytes;

    /// <summary>True when the start of the bytes looks like a feed (an rss, feed or rdf:RDF root).</summary>
    public static bool LooksLikeFeed(ReadOnlySpan<byte> start)
    {
        var head = Encoding.UTF8.GetString(start[..Math.Min(start.Length, 2048)]);
        return head.Contains("<rss", StringComparison.OrdinalIgnoreCase) || head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
               || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase);
    }

    public IReadOnlyList<RawArticle> Read(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentException.ThrowIfNullOrEmpty(source);
        XDocument xml;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1 << 20,
            MaxCharactersInDocument = _maxBytes,
            IgnoreComments = true,
        };
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            xml = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new SitrepInputException(source, "refused: the feed declares a DTD (entity declarations are not allowed in feeds)");
        }
        catch (XmlException e)
        {
            throw new SitrepInputException(source, $"malformed feed XML: {e.Message}", e.LineNumber > 0 ? e.LineNumber : null);
        }
        var root = xml.Root ?? throw new SitrepInputException(source, "empty feed");
        string? dir = source == ArticleReader.StandardInput ? null : Path.GetDirectoryName(Path.GetFullPath(source));
        var items = new List<RawArticle>();
        if (root.Name == Atom + "feed")
        {
            string? publisher = Text(root.Element(Atom + "title"));
            int n = 0;
            foreach (var entry in root.Elements(Atom + "entry"))
            {
                n++;
                var link = entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
                var date = Date(Text(entry.Element(Atom + "published")) ?? Text(entry.Element(Atom + "updated")));
                var known = new DocumentMetadata
                {
                    Url = link, Title = Text(entry.Element(Atom + "title")), Publisher = publisher,
                    Byline = Text(entry.Element(Atom + "author")?.Element(Atom + "name")), Published = date?.Value, PublishedHasTime = date?.HasTime ?? false,
                };
                var body = Text(entry.Element(Atom + "content")) ?? Text(entry.Element(Atom + "summary"));
                if (Item(source, n, dir, link, known, body) is { } item) items.Add(item);
            }
        }
        else if (root.Name.LocalName == "rss" || root.Name.LocalName == "RDF")
        {
            var channel = root.Element("channel") ?? root.Element(Rss1 + "channel");
            string? publisher = Text(channel?.Element("title")) ?? Text(channel?.Element(Rss1 + "title"));
            var entries = root.Name.LocalName == "rss" ? channel?.Elements("item") ?? [] : root.Elements(Rss1 + "item");
            int n = 0;
            foreach (var entry in entries)
            {
                n++;
                XElement? E(string name) => entry.Element(name) ?? entry.Element(Rss1 + name);
                var link = Text(E("link")) ?? ((string?)entry.Element("guid")?.Attribute("isPermaLink") != "false" ? Text(entry.Element("guid")) : null);
                var date = Date(Text(E("pubDate")) ?? Text(entry.Element(Dc + "date")));
                var known = new DocumentMetadata
                {
                    Url = link, Title = Text(E("title")), Publisher = publisher, Byline = Text(entry.Element(Dc + "creator")) ?? Text(E("author")),
                    Published = date?.Value, PublishedHasTime = date?.HasTime ?? false,
                };
                var body = Text(entry.Element(Content + "encoded")) ?? Text(E("description"));
                if (Item(source, n, dir, link, known, body) is { } item) items.Add(item);
            }
        }
        else throw new SitrepInputException(source, $"not an RSS or Atom feed (root element <{root.Name.LocalName}>)");
        if (items.Count == 0) throw new SitrepInputException(source, "the feed has no items with content");
        return items;
    }

    private RawArticle? Item(string source, int n, string? dir, string? link, DocumentMetadata known, string? body)
    {
        string name = $"{source}#{n}";
        if (LocalFile(dir, link) is { } file)
        {
            var info = new FileInfo(file);
            if (info.Length > _maxBytes) throw new SitrepInputException(file, $"file too large ({info.Length} bytes; the limit is {_maxBytes})");
            return new RawArticle(file, File.ReadAllBytes(file), FormatDetector.FromExtension(file), known with { Url = IsWeb(link) ? link : null });
        }
        if (string.IsNullOrWhiteSpace(body)) return null;
        // The item's content is an HTML fragment (or escaped text); give the HTML reader a page with the headline.
        var html = $"<!DOCTYPE html><html><head><title>{WebUtility.HtmlEncode(known.Title ?? "")}</title></head><body><article>" +
                   (known.Title is { } t ? $"<h1>{WebUtility.HtmlEncode(t)}</h1>" : "") + body + "</article></body></html>";
        return new RawArticle(name, Encoding.UTF8.GetBytes(html), InputFormat.Html, known with { Url = IsWeb(link) ? link : null });
    }

    private static bool IsWeb(string? link) => link is not null && Uri.TryCreate(link, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https");

    /// <summary>A link to a file beside the feed (relative path or file: URI) that exists; web links are never fetched.</summary>
    private static string? LocalFile(string? dir, string? link)
    {
        if (string.IsNullOrWhiteSpace(link) || dir is null) return null;
        string? path = null;
        if (Uri.TryCreate(link, UriKind.Absolute, out var uri))
        {
            if (uri.IsFile) path = uri.LocalPath;
            else return null;
        }
        else if (!link.Contains("://", StringComparison.Ordinal)) path = Path.Combine(dir, Uri.UnescapeDataString(link));
        return path is not null && File.Exists(path) ? Path.GetFullPath(path) : null;
    }

    private static string? Text(XElement? e)
    {
        if (e is null) return null;
        var v = e.Value.Trim();
        return v.Length == 0 ? null : v;
    }

    private static (DateTimeOffset Value, bool HasTime)? Date(string? value)
    {
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return (d, true);
        // RFC 822 with a zone name ("Thu, 27 Oct 2016 10:00:00 GMT" parses above; "EST" does not).
        var trimmed = value.Length > 4 && char.IsLetter(value[^1]) ? value[..value.LastIndexOf(' ')] : value;
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out d)) return (d, true);
        return null;
    }
}
