namespace Sitrep;

/// <summary>A problem with the input (file, format, option value): reported as one line, never as a stack trace.</summary>
public sealed class SitrepInputException : Exception
{
    public SitrepInputException(string? file, string reason, int? line = null, Exception? inner = null)
        : base(Format(file, reason, line), inner)
    {
        File = file;
        Reason = reason;
        LineNumber = line;
    }

    public string? File { get; }
    public string Reason { get; }
    public int? LineNumber { get; }

    private static string Format(string? file, string reason, int? line) =>
        (file, line) switch
        {
            (null, null) => reason,
            (null, { } l) => $"line {l}: {reason}",
            ({ } f, null) => $"{f}: {reason}",
            ({ } f, { } l) => $"{f}:{l}: {reason}",
        };
}
