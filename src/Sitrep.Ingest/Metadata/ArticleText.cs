namespace Sitrep.Ingest.Metadata;

/// <summary>
/// What the text of an article says about itself: the text with its footer removed, the metadata found in it
/// (only fields the text gave; markup wins over these when merged), and the regions, in text order.
/// </summary>
public sealed record ArticleText(string Text, DocumentMetadata Metadata, IReadOnlyList<Region> Regions)
{
    /// <summary>The footer lines removed from the end of the text, joined by "\n"; null when there was none.</summary>
    public string? Footer { get; init; }
}
