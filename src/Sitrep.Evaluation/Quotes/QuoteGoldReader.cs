using System.Globalization;
using System.Text.Json;

namespace Sitrep.Evaluation.Quotes;

/// <summary>One gold quote: content span, kind, and one mention of its speaker (null for an anonymous source).</summary>
public readonly record struct GoldQuote(int Start, int End, QuoteKind Kind, int? SpeakerStart, int? SpeakerEnd);

/// <summary>One gold article of a quote set.</summary>
public sealed record GoldQuoteDocument(string Id, string Text, DateTimeOffset? Published, IReadOnlyList<GoldQuote> Quotes);

/// <summary>
/// Reads the quote gold format (docs/annotation-quotes.md): one JSON object per line,
/// <c>{"id","text","published","quotes":[{"start","end","kind","speakerStart","speakerEnd"}]}</c>.
/// Any problem is a <see cref="SitrepInputException"/> with the file and line number.
/// </summary>
public static class QuoteGoldReader
{
    public static List<GoldQuoteDocument> ReadFile(string path)
    {
        if (Directory.Exists(path)) throw new SitrepInputException(path, "is a directory, expected a .jsonl file");
        if (!File.Exists(path)) throw new SitrepInputException(path, "no such file");
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static List<GoldQuoteDocument> Read(TextReader reader, string name)
    {
        var docs = new List<GoldQuoteDocument>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                docs.Add(Parse(line));
            }
            catch (JsonException e)
            {
                throw new SitrepInputException(name, "malformed JSON: " + FirstLine(e.Message), lineNumber);
            }
            catch (FormatException e)
            {
                throw new SitrepInputException(name, e.Message, lineNumber);
            }
        }
        if (docs.Count == 0) throw new SitrepInputException(name, "no gold documents");
        return docs;
    }

    private static GoldQuoteDocument Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("expected one JSON object per line");
        string id = root.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString()! : "";
        if (!root.TryGetProperty("text", out var textEl) || textEl.ValueKind != JsonValueKind.String) throw new FormatException("missing string \"text\"");
        string text = textEl.GetString()!;
        DateTimeOffset? published = null;
        if (root.TryGetProperty("published", out var pubEl) && pubEl.ValueKind == JsonValueKind.String)
        {
            if (!DateTimeOffset.TryParse(pubEl.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p))
                throw new FormatException($"\"published\" is not a date: {pubEl.GetString()}");
            published = p;
        }
        if (!root.TryGetProperty("quotes", out var quotesEl) || quotesEl.ValueKind != JsonValueKind.Array) throw new FormatException("missing array \"quotes\"");
        var quotes = new List<GoldQuote>();
        int n = 0;
        foreach (var q in quotesEl.EnumerateArray())
        {
            n++;
            if (q.ValueKind != JsonValueKind.Object) throw new FormatException($"quote {n} is not an object");
            int start = Int(q, "start", n) ?? throw new FormatException($"quote {n}: missing \"start\"");
            int end = Int(q, "end", n) ?? throw new FormatException($"quote {n}: missing \"end\"");
            if (start < 0 || end <= start || end > text.Length) throw new FormatException($"quote {n}: span [{start},{end}) outside the text of length {text.Length}");
            string kindText = q.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "";
            var kind = kindText switch
            {
                "direct" => QuoteKind.Direct,
                "indirect" => QuoteKind.Indirect,
                "partial" => QuoteKind.Partial,
                _ => throw new FormatException($"quote {n}: kind must be direct, indirect or partial, not \"{kindText}\""),
            };
            int? ss = Int(q, "speakerStart", n), se = Int(q, "speakerEnd", n);
            if (ss is null != se is null) throw new FormatException($"quote {n}: speakerStart and speakerEnd must both be numbers or both null");
            if (ss is { } a && se is { } b && (a < 0 || b <= a || b > text.Length)) throw new FormatException($"quote {n}: speaker span [{a},{b}) outside the text");
            quotes.Add(new GoldQuote(start, end, kind, ss, se));
        }
        return new GoldQuoteDocument(id, text, published, quotes);
    }

    private static int? Int(JsonElement q, string name, int n)
    {
        if (!q.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null) return null;
        if (el.ValueKind != JsonValueKind.Number || !el.TryGetInt32(out int v)) throw new FormatException($"quote {n}: \"{name}\" must be an integer or null");
        return v;
    }

    private static string FirstLine(string s)
    {
        int i = s.IndexOf('\n');
        return i < 0 ? s : s[..i];
    }
}
