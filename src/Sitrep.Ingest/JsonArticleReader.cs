using System.Globalization;
using System.Text.Json;
using Sitrep.Ingest.Metadata;

namespace Sitrep.Ingest;

/// <summary>
/// JSON input: one object <c>{"id","url","title","text","published","publisher"}</c> per file, or JSON lines
/// (one object per line). A bad JSON line becomes a failed <see cref="ReadResult"/> carrying its line number;
/// the other lines still produce documents. A bad single-object file throws.
/// </summary>
public sealed class JsonArticleReader
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    private readonly ArticleAssembler _assembler;

    public JsonArticleReader(ArticleAssembler assembler) => _assembler = assembler ?? throw new ArgumentNullException(nameof(assembler));

    /// <param name="lines">True for JSON lines; false lets a ".json" file that holds one object per line be read as JSON lines too.</param>
    public IReadOnlyList<ReadResult> Read(string json, string source, bool lines)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (lines || LooksLikeJsonLines(json)) return ReadLines(json, source);

        JsonDocument parsed;
        try { parsed = JsonDocument.Parse(json, ParseOptions); }
        catch (JsonException ex) { throw new SitrepInputException(source, "malformed JSON: " + Describe(ex), LineOf(ex), ex); }
        using (parsed)
        {
            return [ReadResult.Success(ToDocument(parsed.RootElement, source, recordKey: null, line: null))];
        }
    }

    private List<ReadResult> ReadLines(string json, string source)
    {
        var results = new List<ReadResult>();
        int lineNumber = 0;
        foreach (var range in json.AsSpan().Split('\n'))
        {
            lineNumber++;
            var line = json.AsSpan(range).Trim();
            if (line.IsEmpty) continue;
            try
            {
                using var parsed = JsonDocument.Parse(line.ToString(), ParseOptions);
                var key = lineNumber.ToString(CultureInfo.InvariantCulture);
                results.Add(ReadResult.Success(ToDocument(parsed.RootElement, source, key, lineNumber)));
            }
            catch (JsonException ex)
            {
                results.Add(ReadResult.Failure(new SitrepInputException(source, "malformed JSON: " + Describe(ex), lineNumber, ex)));
            }
            catch (SitrepInputException ex)
            {
                results.Add(ReadResult.Failure(ex));
            }
        }
        if (results.Count == 0) throw new SitrepInputException(source, "empty file (no JSON lines)");
        return results;
    }

    /// <summary>True when the first line is a complete JSON value on its own and more content follows.</summary>
    private static bool LooksLikeJsonLines(string json)
    {
        var text = json.AsSpan().TrimStart();
        int newline = text.IndexOf('\n');
        if (newline < 0 || text[(newline + 1)..].IsWhiteSpace()) return false;
        try
        {
            using var first = JsonDocument.Parse(text[..newline].ToString(), ParseOptions);
            return first.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private Document ToDocument(JsonElement record, string source, string? recordKey, int? line)
    {
        if (record.ValueKind != JsonValueKind.Object)
            throw new SitrepInputException(source, $"expected a JSON object, found {Kind(record.ValueKind)}", line);
        if (!record.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
            throw new SitrepInputException(source, "JSON record has no \"text\" string", line);
        var text = TextNormalizer.Normalize(textElement.GetString()!);
        if (text.Length == 0) throw new SitrepInputException(source, "JSON record has an empty \"text\"", line);

        DateTimeOffset? published = null;
        bool hasTime = false;
        if (OptionalString(record, "published", source, line) is { } publishedText)
        {
            if (!NewsDates.TryParseIso(publishedText, out var value, out hasTime))
                throw new SitrepInputException(source, $"\"published\" is not an ISO 8601 date: \"{Shorten(publishedText)}\"", line);
            published = value;
        }

        var known = new DocumentMetadata
        {
            Id = Id(record, source, line),
            Url = OptionalString(record, "url", source, line),
            Title = OptionalString(record, "title", source, line),
            Publisher = OptionalString(record, "publisher", source, line),
            Byline = OptionalString(record, "byline", source, line) ?? OptionalString(record, "author", source, line),
            Language = OptionalString(record, "language", source, line),
            Published = published,
            PublishedHasTime = hasTime,
        };
        return _assembler.Assemble(text, known, source, recordKey);
    }

    private static string? Id(JsonElement record, string source, int? line)
    {
        if (!record.TryGetProperty("id", out var id)) return null;
        return id.ValueKind switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(id.GetString()) ? null : id.GetString()!.Trim(),
            JsonValueKind.Number => id.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new SitrepInputException(source, $"\"id\" must be a string or number, found {Kind(id.ValueKind)}", line),
        };
    }

    private static string? OptionalString(JsonElement record, string name, string source, int? line)
    {
        if (!record.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim(),
            JsonValueKind.Null => null,
            _ => throw new SitrepInputException(source, $"\"{name}\" must be a string, found {Kind(value.ValueKind)}", line),
        };
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>System.Text.Json's message without its "LineNumber: … | BytePositionInLine: …" tail (the line is reported separately).</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        int tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (tail > 0) message = message[..tail];
        if (ex.BytePositionInLine is { } column) message += $" (column {column + 1})";
        return message;
    }

    private static int? LineOf(JsonException ex) => ex.LineNumber is { } l ? (int)l + 1 : null;

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
