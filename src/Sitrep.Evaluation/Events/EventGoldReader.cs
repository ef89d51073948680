using System.Globalization;
using System.Text.Json;

namespace Sitrep.Evaluation.Events;

/// <summary>One coded event: actor codes, CAMEO code and PLOVER type (either may be null), and a modality label.</summary>
public sealed record CodedEvent(string? Source, string? Target, string? Cameo, string? Plover, string Modality = "asserted");

/// <summary>One gold record: text, publication date, gold events and the events the text mentions without asserting.</summary>
public sealed record GoldEventDocument(string Id, string Text, DateTimeOffset? Published, IReadOnlyList<CodedEvent> Events, IReadOnlyList<CodedEvent> NonAsserted);

/// <summary>
/// Reads the event gold format (docs/annotation-events.md): one JSON object per line,
/// <c>{"id","text","published","events":[{"source","target","cameo","plover"}],"nonAsserted":[…]}</c>.
/// Problems are <see cref="SitrepInputException"/>s with file and line.
/// </summary>
public static class EventGoldReader
{
    public static List<GoldEventDocument> ReadFile(string path)
    {
        if (Directory.Exists(path)) throw new SitrepInputException(path, "is a directory, expected a .jsonl file");
        if (!File.Exists(path)) throw new SitrepInputException(path, "no such file");
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static List<GoldEventDocument> Read(TextReader reader, string name)
    {
        var docs = new List<GoldEventDocument>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                docs.Add(Parse(line, docs.Count));
            }
            catch (JsonException e)
            {
                throw new SitrepInputException(name, "malformed JSON: " + e.Message.Split('\n')[0], lineNumber);
            }
            catch (FormatException e)
            {
                throw new SitrepInputException(name, e.Message, lineNumber);
            }
        }
        if (docs.Count == 0) throw new SitrepInputException(name, "no gold records");
        return docs;
    }

    private static GoldEventDocument Parse(string line, int index)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("expected one JSON object per line");
        string id = root.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString()! : "#" + (index + 1).ToString(CultureInfo.InvariantCulture);
        if (!root.TryGetProperty("text", out var textEl) || textEl.ValueKind != JsonValueKind.String) throw new FormatException("missing string \"text\"");
        DateTimeOffset? published = null;
        if (root.TryGetProperty("published", out var pubEl) && pubEl.ValueKind == JsonValueKind.String)
        {
            if (!DateTimeOffset.TryParse(pubEl.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p))
                throw new FormatException($"\"published\" is not a date: {pubEl.GetString()}");
            published = p;
        }
        if (!root.TryGetProperty("events", out var eventsEl) || eventsEl.ValueKind != JsonValueKind.Array) throw new FormatException("missing array \"events\"");
        var events = Events(eventsEl, "event", "asserted");
        var non = root.TryGetProperty("nonAsserted", out var nonEl) && nonEl.ValueKind == JsonValueKind.Array ? Events(nonEl, "nonAsserted event", "hypothetical") : [];
        return new GoldEventDocument(id, textEl.GetString()!, published, events, non);
    }

    private static List<CodedEvent> Events(JsonElement array, string what, string defaultModality)
    {
        var list = new List<CodedEvent>();
        int n = 0;
        foreach (var e in array.EnumerateArray())
        {
            n++;
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"{what} {n} is not an object");
            string? cameo = Str(e, "cameo", what, n), plover = Str(e, "plover", what, n);
            if (cameo is null && plover is null) throw new FormatException($"{what} {n}: \"cameo\" and \"plover\" are both null");
            if (cameo is not null && (cameo.Length is < 2 or > 4 || !cameo.All(char.IsAsciiDigit))) throw new FormatException($"{what} {n}: \"cameo\" must be a 2-4 digit CAMEO code, not \"{cameo}\"");
            list.Add(new CodedEvent(Str(e, "source", what, n), Str(e, "target", what, n), cameo, plover, Str(e, "modality", what, n) ?? defaultModality));
        }
        return list;
    }

    private static string? Str(JsonElement e, string name, string what, int n)
    {
        if (!e.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null) return null;
        if (el.ValueKind != JsonValueKind.String) throw new FormatException($"{what} {n}: \"{name}\" must be a string or null");
        var s = el.GetString()!.Trim();
        return s.Length == 0 ? null : s;
    }
}
