namespace Sitrep;

/// <summary>Where the article came from and what its markup or text says about itself.</summary>
public sealed record DocumentMetadata
{
    public string? Id { get; init; }
    /// <summary>File path, URL or "-" for standard input.</summary>
    public string? Source { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }
    /// <summary>Publication date or date-time; <see cref="PublishedHasTime"/> says whether the time part is meaningful.</summary>
    public DateTimeOffset? Published { get; init; }
    public bool PublishedHasTime { get; init; }
    public string? Byline { get; init; }
    /// <summary>The dateline place as written ("PARIS"), with its span in the text when it is there.</summary>
    public string? Dateline { get; init; }
    public TextSpan? DatelineSpan { get; init; }
    public string? Language { get; init; }
}
