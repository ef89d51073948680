namespace Sitrep.Ingest;

/// <summary>
/// One article's bytes before reading, as a container (feed, WARC) hands it out: where it came from, the format to read
/// it as, and what the container says about it (link, date, title), which fills gaps the article leaves.
/// </summary>
public sealed record RawArticle(string Source, byte[] Bytes, InputFormat Format, DocumentMetadata? Known = null)
{
    /// <summary>Reads the article and fills its metadata gaps from <see cref="Known"/>.</summary>
    public IReadOnlyList<ReadResult> Read(ArticleReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var results = reader.ReadBytes(Bytes, Source, Format);
        if (Known is null) return results;
        foreach (var r in results)
        {
            if (r.Document is not { } doc) continue;
            var m = doc.Metadata;
            doc.Metadata = m with
            {
                Url = m.Url ?? Known.Url,
                Title = m.Title ?? Known.Title,
                Publisher = m.Publisher ?? Known.Publisher,
                Byline = m.Byline ?? Known.Byline,
                Published = m.Published ?? Known.Published,
                PublishedHasTime = m.Published is null ? Known.PublishedHasTime : m.PublishedHasTime,
            };
        }
        return results;
    }
}
