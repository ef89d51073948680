using System.Security.Cryptography;
using System.Text;
using Sitrep.Ingest.Metadata;

namespace Sitrep.Ingest;

/// <summary>
/// The one place every format ends: runs the text metadata extractor on normalized text, merges its findings
/// under what markup or JSON already said, applies the caller's overrides and builds the <see cref="Document"/>.
/// Precedence, highest first: <see cref="IngestOptions.Published"/>, markup/JSON fields, what the text says.
/// </summary>
public sealed class ArticleAssembler
{
    private readonly IngestOptions _options;
    private readonly TextMetadataExtractor _extractor;

    public ArticleAssembler(IngestOptions options, TextMetadataExtractor extractor)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
    }

    /// <param name="normalizedText">Text already passed through <see cref="TextNormalizer"/> and known to be non-empty.</param>
    /// <param name="known">Metadata from markup or JSON; its non-null fields win over the text's.</param>
    /// <param name="source">Path, URL or "-".</param>
    /// <param name="recordKey">Distinguishes records of one source (a JSON line number) in the derived id.</param>
    public Document Assemble(string normalizedText, DocumentMetadata known, string source, string? recordKey = null)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        ArgumentNullException.ThrowIfNull(known);
        var found = _extractor.Extract(normalizedText);
        var fromText = found.Metadata;

        DateTimeOffset? published;
        bool hasTime;
        if (_options.Published is { } forced) (published, hasTime) = (forced, _options.PublishedHasTime);
        else if (known.Published is { } marked) (published, hasTime) = (marked, known.PublishedHasTime);
        else (published, hasTime) = (fromText.Published, fromText.PublishedHasTime);

        var metadata = known with
        {
            Id = known.Id ?? StableId(source, recordKey, found.Text),
            Source = source,
            Title = known.Title ?? fromText.Title,
            Byline = known.Byline ?? fromText.Byline,
            Publisher = known.Publisher ?? fromText.Publisher,
            Published = published,
            PublishedHasTime = published is not null && hasTime,
            // Only the text can say where its dateline is; a dateline from elsewhere would have no span.
            Dateline = fromText.Dateline ?? known.Dateline,
            DatelineSpan = fromText.Dateline is null ? known.DatelineSpan : fromText.DatelineSpan,
        };
        var document = new Document(found.Text, metadata);
        document.Regions.AddRange(found.Regions);
        return document;
    }

    /// <summary>A deterministic id: the first 16 hex digits of SHA-256 over source, record key and text.</summary>
    public static string StableId(string source, string? recordKey, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(source, "\n", recordKey ?? "", "\n", text));
        return Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));
    }
}
