namespace Sitrep.Ingest;

/// <summary>The input formats the reader understands. <see cref="Auto"/> decides by extension, then by content.</summary>
public enum InputFormat : byte { Auto, Text, Html, Json, JsonLines }

/// <summary>How to read articles. Immutable; one instance can serve many reads.</summary>
public sealed record IngestOptions
{
    /// <summary>Default per-file size limit: 50 MiB is far beyond any real article, and small enough to hold in memory.</summary>
    public const long DefaultMaxBytes = 50L * 1024 * 1024;

    public static IngestOptions Default { get; } = new();

    /// <summary>Forces a format; <see cref="InputFormat.Auto"/> detects it.</summary>
    public InputFormat Format { get; init; } = InputFormat.Auto;

    /// <summary>Files (or standard input) larger than this are refused before being read.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Publication date set by the caller (e.g. <c>--published</c>); wins over markup and text.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>Whether the time part of <see cref="Published"/> is meaningful.</summary>
    public bool PublishedHasTime { get; init; }
}
