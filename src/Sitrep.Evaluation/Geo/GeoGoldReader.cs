using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Sitrep.Evaluation.Geo;

/// <summary>A gold toponym: its span in the article text and where it is; <see cref="GeonameId"/> may be null (regions, divisions).</summary>
public readonly record struct GoldToponym(int Start, int End, double Lat, double Lon, long? GeonameId);

public sealed record GeoGoldDocument(string Id, string Text, DateTimeOffset? Published, IReadOnlyList<GoldToponym> Toponyms);

/// <summary>Reads toponym gold standards: Sitrep's JSON lines and the LGL / TR-News XML layout.</summary>
public static class GeoGoldReader
{
    /// <summary>One object per line: {"id","text","published","toponyms":[{"start","end","lat","lon","geonameId"}]}.</summary>
    public static List<GeoGoldDocument> ReadJsonLines(string path)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "file not found");
        var docs = new List<GeoGoldDocument>();
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new SitrepInputException(path, "expected a JSON object", lineNo);
                string text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new SitrepInputException(path, "missing \"text\"", lineNo);
                string id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : $"line-{lineNo}";
                DateTimeOffset? published = null;
                if (root.TryGetProperty("published", out var p) && p.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(p.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) published = d;
                var toponyms = new List<GoldToponym>();
                if (!root.TryGetProperty("toponyms", out var tops) || tops.ValueKind != JsonValueKind.Array) throw new SitrepInputException(path, "missing \"toponyms\" array", lineNo);
                foreach (var x in tops.EnumerateArray())
                {
                    int start = x.GetProperty("start").GetInt32(), end = x.GetProperty("end").GetInt32();
                    if (start < 0 || end > text.Length || end <= start) throw new SitrepInputException(path, $"toponym [{start},{end}) outside the text", lineNo);
                    long? gid = x.TryGetProperty("geonameId", out var g) && g.ValueKind == JsonValueKind.Number ? g.GetInt64() : null;
                    toponyms.Add(new GoldToponym(start, end, x.GetProperty("lat").GetDouble(), x.GetProperty("lon").GetDouble(), gid));
                }
                docs.Add(new GeoGoldDocument(id, text, published, toponyms));
            }
            catch (JsonException e) { throw new SitrepInputException(path, "not valid JSON: " + e.Message, lineNo); }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new SitrepInputException(path, "bad toponym (start, end, lat and lon are required numbers)", lineNo);
            }
        }
        return docs;
    }

    /// <summary>LGL / TR-News: articles/article with text and toponyms/toponym/{start,end,phrase,gaztag[@geonameid]/{lat,lon}}; toponyms without coordinates are skipped.</summary>
    public static List<GeoGoldDocument> ReadLgl(string path)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "file not found");
        XDocument xml;
        try { xml = XDocument.Load(path, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace); }
        catch (XmlException e) { throw new SitrepInputException(path, "not valid XML: " + e.Message, e.LineNumber); }
        if (xml.Root is not { Name.LocalName: "articles" } root) throw new SitrepInputException(path, "expected an <articles> root element");
        var docs = new List<GeoGoldDocument>();
        int index = 0;
        foreach (var article in root.Elements("article"))
        {
            index++;
            int line = ((IXmlLineInfo)article).LineNumber;
            var text = article.Element("text")?.Value ?? throw new SitrepInputException(path, "article without <text>", line);
            string id = article.Attribute("docid")?.Value ?? article.Element("docid")?.Value ?? $"article-{index}";
            var toponyms = new List<GoldToponym>();
            foreach (var t in article.Element("toponyms")?.Elements("toponym") ?? [])
            {
                int tl = ((IXmlLineInfo)t).LineNumber;
                var gaz = t.Element("gaztag");
                if (gaz is null || gaz.Element("lat") is null || gaz.Element("lon") is null) continue;
                if (!int.TryParse(t.Element("start")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int start)
                    || !int.TryParse(t.Element("end")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int end)
                    || !double.TryParse(gaz.Element("lat")!.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double lat)
                    || !double.TryParse(gaz.Element("lon")!.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double lon))
                    throw new SitrepInputException(path, "toponym with a bad start, end, lat or lon", tl);
                if (start < 0 || end > text.Length || end <= start) throw new SitrepInputException(path, $"toponym [{start},{end}) outside the article text", tl);
                long? gid = long.TryParse(gaz.Attribute("geonameid")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long g) ? g : null;
                toponyms.Add(new GoldToponym(start, end, lat, lon, gid));
            }
            toponyms.Sort((a, b) => a.Start.CompareTo(b.Start));
            docs.Add(new GeoGoldDocument(id, text, null, toponyms));
        }
        return docs;
    }
}
