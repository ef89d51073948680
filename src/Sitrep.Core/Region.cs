namespace Sitrep;

/// <summary>What part of an article a stretch of <see cref="Document.Text"/> is.</summary>
public enum RegionKind : byte
{
    Headline,
    Dateline,
    Byline,
    Body,
    /// <summary>A quote repeated on its own line as a display quote; not a new statement.</summary>
    PullQuote,
    /// <summary>The all-caps attribution line under a pull-quote.</summary>
    PullQuoteAttribution,
}

/// <summary>A typed stretch of the text. <see cref="Of"/> links a pull-quote attribution to its pull-quote (index into <see cref="Document.Regions"/>), else -1.</summary>
public readonly record struct Region(RegionKind Kind, int Start, int End, int Of = -1)
{
    public TextSpan Span => new(Start, End);
}
