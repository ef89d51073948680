using System.Text.Json;
using Sitrep.Ingest;

namespace Sitrep.Server;

/// <summary>
/// Turns a request body into an extracted <see cref="Document"/>: plain text, HTML or the JSON article form
/// chosen by Content-Type, read by the same <see cref="ArticleReader"/> the CLI uses, then run through the pipeline.
/// Problems with the body become <see cref="ApiProblemException"/>s naming the field at fault. Thread-safe.
/// </summary>
public sealed class ArticleExtractor
{
    /// <summary>The properties the JSON article form accepts; anything else is refused so a typo is not silently ignored.</summary>
    public static readonly IReadOnlySet<string> JsonFields =
        new HashSet<string>(StringComparer.Ordinal) { "id", "url", "title", "text", "published", "publisher", "byline", "author", "language" };

    private readonly Pipeline _pipeline;
    private readonly ArticleReader _text;
    private readonly ArticleReader _html;
    private readonly ArticleReader _json;

    public ArticleExtractor(Pipeline pipeline, long maxBytes)
    {
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        var options = IngestOptions.Default with { MaxBytes = maxBytes };
        _text = new ArticleReader(options with { Format = InputFormat.Text });
        _html = new ArticleReader(options with { Format = InputFormat.Html });
        _json = new ArticleReader(options with { Format = InputFormat.Json });
    }

    /// <summary>The kind of body a Content-Type names, or null for one the server does not read.</summary>
    public static InputFormat? FormatOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        var media = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return media switch
        {
            "text/plain" => InputFormat.Text,
            "text/html" or "application/xhtml+xml" => InputFormat.Html,
            "application/json" => InputFormat.Json,
            _ => null,
        };
    }

    public Document Extract(ReadOnlySpan<byte> body, InputFormat format, string source)
    {
        if (body.IsEmpty) throw new ApiProblemException(400, "body", "the request body is empty");
        if (LooksBinary(body)) throw new ApiProblemException(415, "body", "the body looks like binary data, not text, HTML or JSON");
        if (format == InputFormat.Json) CheckJsonArticle(body);
        IReadOnlyList<ReadResult> results;
        try
        {
            var reader = format switch { InputFormat.Html => _html, InputFormat.Json => _json, _ => _text };
            results = reader.ReadBytes(body, source);
        }
        catch (SitrepInputException e)
        {
            throw new ApiProblemException(400, "body", Reason(e, source));
        }
        if (results.Count != 1) throw new ApiProblemException(400, "body", "expected one article, found " + results.Count);
        if (results[0].Error is { } error) throw new ApiProblemException(400, "body", Reason(error, source));
        return _pipeline.Process(results[0].Document!);
    }

    private static string Reason(SitrepInputException e, string source)
    {
        var message = e.Message;
        return message.StartsWith(source + ": ", StringComparison.Ordinal) ? message[(source.Length + 2)..] : message;
    }

    /// <summary>NUL bytes never occur in UTF-8 text; a body with them (outside a UTF-16 byte-order mark) is binary.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> body)
    {
        if (body.Length >= 2 && (body[0] == 0xFF && body[1] == 0xFE || body[0] == 0xFE && body[1] == 0xFF)) return false;
        return body[..Math.Min(body.Length, 8192)].IndexOf((byte)0) >= 0;
    }

    /// <summary>Refuses malformed JSON, a non-object, unknown properties and wrongly typed fields, naming the field.</summary>
    private static void CheckJsonArticle(ReadOnlySpan<byte> body)
    {
        JsonDocument parsed;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            parsed = JsonDocument.ParseValue(ref reader);
            if (reader.BytesConsumed < body.Length && !body[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty)
                throw new ApiProblemException(400, "body", "malformed JSON: content after the article object");
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            throw new ApiProblemException(400, "body", "malformed JSON" + where);
        }
        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ApiProblemException(400, "body", $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");
            foreach (var property in root.EnumerateObject())
            {
                if (!JsonFields.Contains(property.Name))
                    throw new ApiProblemException(400, property.Name, $"unknown field \"{property.Name}\" (allowed: {string.Join(", ", JsonFields)})");
                bool ok = property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null
                    || property.Name == "id" && property.Value.ValueKind == JsonValueKind.Number;
                if (!ok) throw new ApiProblemException(400, property.Name, $"\"{property.Name}\" must be a string");
            }
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                throw new ApiProblemException(400, "text", "the article has no \"text\" string");
            if (string.IsNullOrWhiteSpace(text.GetString()))
                throw new ApiProblemException(400, "text", "\"text\" is empty");
        }
    }
}
