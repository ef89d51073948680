namespace Sitrep.Ingest;

/// <summary>
/// The outcome for one record of an input: a document, or the input problem that kept that record from becoming one.
/// Only JSON lines produce error results (one bad line must not lose the others); every other problem is thrown.
/// </summary>
public sealed record ReadResult
{
    private ReadResult(Document? document, SitrepInputException? error)
    {
        Document = document;
        Error = error;
    }

    public Document? Document { get; }
    public SitrepInputException? Error { get; }

    public bool Succeeded => Document is not null;

    public static ReadResult Success(Document document) => new(document ?? throw new ArgumentNullException(nameof(document)), null);
    public static ReadResult Failure(SitrepInputException error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
