using Sitrep.Ingest.Metadata;

namespace Sitrep.Ingest;

/// <summary>
/// Entry point of ingestion: bytes of one file (or standard input) in, documents out.
/// Problems with the input as a whole (missing, a directory, too large, empty, binary, undecodable, malformed,
/// no text) throw <see cref="SitrepInputException"/>. Only JSON lines report per-record problems, as failed
/// <see cref="ReadResult"/>s, so one bad line does not lose the rest. Immutable and safe to share between threads.
/// </summary>
public sealed class ArticleReader
{
    /// <summary>The source name used for standard input.</summary>
    public const string StandardInput = "-";

    private readonly TextDecoder _decoder = new();
    private readonly PlainTextReader _text;
    private readonly HtmlArticleReader _html;
    private readonly JsonArticleReader _json;

    public ArticleReader(IngestOptions? options = null)
    {
        Options = options ?? IngestOptions.Default;
        if (Options.MaxBytes <= 0 || Options.MaxBytes >= Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(options), $"MaxBytes must be between 1 and {Array.MaxLength - 1}");
        var assembler = new ArticleAssembler(Options, new TextMetadataExtractor());
        _text = new PlainTextReader(assembler);
        _html = new HtmlArticleReader(assembler);
        _json = new JsonArticleReader(assembler);
    }

    public IngestOptions Options { get; }

    /// <summary>Reads a file; <c>"-"</c> reads standard input. The size limit is checked before any byte is read.</summary>
    public IReadOnlyList<ReadResult> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == StandardInput)
        {
            using var stdin = Console.OpenStandardInput();
            return ReadStream(stdin, StandardInput);
        }
        if (Directory.Exists(path)) throw new SitrepInputException(path, "is a directory");
        if (!File.Exists(path)) throw new SitrepInputException(path, "no such file");

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            // Regular files report their length: refuse big ones without reading them. Pipes and devices are capped while reading.
            if (stream.CanSeek && stream.Length > Options.MaxBytes) throw TooLarge(path, stream.Length);
            bytes = ReadCapped(stream, path);
        }
        catch (UnauthorizedAccessException) { throw new SitrepInputException(path, "permission denied"); }
        catch (IOException ex) { throw new SitrepInputException(path, "cannot read: " + ex.Message, inner: ex); }
        return ReadBytes(bytes, path);
    }

    /// <summary>Reads a stream (standard input, a network body) up to <see cref="IngestOptions.MaxBytes"/>.</summary>
    public IReadOnlyList<ReadResult> ReadStream(Stream stream, string source = StandardInput)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadBytes(ReadCapped(stream, source), source);
    }

    /// <summary>Decodes and reads bytes already in memory; <paramref name="source"/>'s extension picks the format when set to Auto.</summary>
    public IReadOnlyList<ReadResult> ReadBytes(ReadOnlySpan<byte> bytes, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (bytes.Length > Options.MaxBytes) throw TooLarge(source, bytes.Length);
        var decoded = _decoder.Decode(bytes, source);
        return ReadText(decoded.Text, source);
    }

    /// <summary>Decodes and reads bytes as the given format (<see cref="InputFormat.Auto"/>: by extension, then content).</summary>
    public IReadOnlyList<ReadResult> ReadBytes(ReadOnlySpan<byte> bytes, string source, InputFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (bytes.Length > Options.MaxBytes) throw TooLarge(source, bytes.Length);
        var decoded = _decoder.Decode(bytes, source);
        return ReadText(decoded.Text, source, format);
    }

    /// <summary>Reads text that is already decoded.</summary>
    public IReadOnlyList<ReadResult> ReadText(string text, string source) => ReadText(text, source, InputFormat.Auto);

    /// <summary>Reads decoded text as the given format; <see cref="InputFormat.Auto"/> defers to the options, the extension, then the content.</summary>
    public IReadOnlyList<ReadResult> ReadText(string text, string source, InputFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (text.AsSpan().IsWhiteSpace()) throw new SitrepInputException(source, text.Length == 0 ? "empty file" : "empty file (only whitespace)");

        if (format == InputFormat.Auto) format = Options.Format;
        if (format == InputFormat.Auto) format = FormatDetector.FromExtension(source);
        if (format == InputFormat.Auto) format = FormatDetector.Sniff(text);
        return format switch
        {
            InputFormat.Html => [ReadResult.Success(_html.Read(text, source))],
            InputFormat.Json => _json.Read(text, source, lines: false),
            InputFormat.JsonLines => _json.Read(text, source, lines: true),
            _ => [ReadResult.Success(_text.Read(text, source))],
        };
    }

    /// <summary>Reads at most MaxBytes + 1 bytes, so an endless or huge stream is refused without being held in memory.</summary>
    private byte[] ReadCapped(Stream stream, string source)
    {
        long limit = Options.MaxBytes;
        int initial = stream.CanSeek ? (int)Math.Min(Math.Max(stream.Length - stream.Position, 0), limit) + 1 : 64 * 1024;
        var buffer = new byte[Math.Max(initial, 1)];
        int count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                if (count > limit) throw TooLarge(source, null);
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1));
            }
            int read = stream.Read(buffer, count, buffer.Length - count);
            if (read == 0) break;
            count += read;
        }
        if (count > limit) throw TooLarge(source, null);
        return count == buffer.Length ? buffer : buffer[..count];
    }

    private SitrepInputException TooLarge(string source, long? length) =>
        new(source, length is { } l
            ? $"file too large ({l} bytes; the limit is {Options.MaxBytes})"
            : $"input too large (more than {Options.MaxBytes} bytes)");
}
