using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Sitrep.Ingest.Warc;

/// <summary>One WARC record's named header fields and its block.</summary>
public sealed record WarcRecord(string Version, IReadOnlyDictionary<string, string> Headers, byte[] Block, long Offset)
{
    public string? Type => Headers.GetValueOrDefault("WARC-Type");
    public string? TargetUri => Headers.GetValueOrDefault("WARC-Target-URI");
    public string? RecordId => Headers.GetValueOrDefault("WARC-Record-ID");
}

/// <summary>
/// A small reader of the WARC 1.0/1.1 format (ISO 28500; the format of Common Crawl's news crawl), plain or gzip
/// (a gzip member per record, or one stream): version line, header fields, a blank line, Content-Length bytes of
/// block, two CRLFs. <see cref="Articles"/> yields the HTML pages of <c>response</c> records with status 200.
/// A truncated or corrupt file ends the sequence with a <see cref="SitrepInputException"/> after every complete record.
/// </summary>
public sealed class WarcReader
{
    private readonly long _maxRecordBytes;

    public WarcReader(long maxRecordBytes = IngestOptions.DefaultMaxBytes) => _maxRecordBytes = maxRecordBytes;

    public static bool IsWarcPath(string path) =>
        path.EndsWith(".warc", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".warc.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens a file (gzip when it starts with the gzip magic) and yields its records.</summary>
    public IEnumerable<WarcRecord> ReadFile(string path)
    {
        Stream file;
        try { file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (FileNotFoundException) { throw new SitrepInputException(path, "no such file"); }
        catch (UnauthorizedAccessException) { throw new SitrepInputException(path, "permission denied"); }
        using (file)
        {
            int b0 = file.ReadByte(), b1 = file.ReadByte();
            file.Position = 0;
            using Stream input = b0 == 0x1F && b1 == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : file;
            foreach (var r in Read(input, path)) yield return r;
        }
    }

    public IEnumerable<WarcRecord> Read(Stream input, string source)
    {
        var reader = new RecordStream(input, source);
        while (true)
        {
            WarcRecord? record;
            try { record = ReadRecord(reader, source); }
            catch (InvalidDataException e) { throw new SitrepInputException(source, $"corrupt or truncated gzip data after {reader.Position} bytes ({e.Message})"); }
            catch (EndOfStreamException) { throw new SitrepInputException(source, $"truncated WARC record at byte {reader.Position}"); }
            if (record is null) yield break;
            yield return record;
        }
    }

    private WarcRecord? ReadRecord(RecordStream s, string source)
    {
        string? line;
        do
        {
            line = s.ReadLine(allowEof: true);
            if (line is null) return null;
        } while (line.Length == 0);
        long offset = s.Position - line.Length - 2;
        if (!line.StartsWith("WARC/", StringComparison.Ordinal)) throw new SitrepInputException(source, $"not a WARC record at byte {offset} (expected 'WARC/1.0' or 'WARC/1.1')");
        var version = line;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while ((line = s.ReadLine(allowEof: false)!) .Length > 0)
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new SitrepInputException(source, $"malformed WARC header line at byte {s.Position}: '{Shorten(line)}'");
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (!headers.TryGetValue("Content-Length", out var lengthText) || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            throw new SitrepInputException(source, $"WARC record at byte {offset} has no valid Content-Length");
        if (length > _maxRecordBytes) throw new SitrepInputException(source, $"WARC record at byte {offset} is too large ({length} bytes; the limit is {_maxRecordBytes})");
        var block = s.ReadExactly((int)length);
        return new WarcRecord(version, headers, block, offset);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    /// <summary>The HTML pages of the file's response records, as raw articles named FILE#N (N counts records from 1).</summary>
    public IEnumerable<RawArticle> Articles(string path)
    {
        int n = 0;
        foreach (var record in ReadFile(path))
        {
            n++;
            if (!string.Equals(record.Type, "response", StringComparison.OrdinalIgnoreCase)) continue;
            if (HttpResponse.Parse(record.Block) is not { } http) continue;
            if (http.Status != 200 || !http.IsHtml) continue;
            DateTimeOffset? crawled = record.Headers.TryGetValue("WARC-Date", out var d)
                && DateTimeOffset.TryParse(d, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : null;
            _ = crawled; // a crawl date is not a publication date: not used as one
            yield return new RawArticle($"{path}#{n}", http.Body, InputFormat.Html, new DocumentMetadata { Url = record.TargetUri });
        }
    }

    /// <summary>Line and block reads over a stream that may be a gzip stream (no seeking, no Length).</summary>
    private sealed class RecordStream(Stream inner, string source)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _pos, _len;
        public long Position { get; private set; }

        private bool Fill()
        {
            if (_pos < _len) return true;
            _len = inner.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            return _len > 0;
        }

        public string? ReadLine(bool allowEof)
        {
            var bytes = new List<byte>(128);
            while (true)
            {
                if (!Fill())
                {
                    if (bytes.Count == 0 && allowEof) return null;
                    throw new EndOfStreamException();
                }
                byte b = _buffer[_pos++];
                Position++;
                if (b == (byte)'\n')
                {
                    if (bytes.Count > 0 && bytes[^1] == (byte)'\r') bytes.RemoveAt(bytes.Count - 1);
                    return Encoding.UTF8.GetString(bytes.ToArray());
                }
                bytes.Add(b);
                if (bytes.Count > 64 * 1024) throw new SitrepInputException(source, $"WARC header line too long at byte {Position}");
            }
        }

        public byte[] ReadExactly(int count)
        {
            var result = new byte[count];
            int done = 0;
            while (done < count)
            {
                if (!Fill()) throw new EndOfStreamException();
                int n = Math.Min(count - done, _len - _pos);
                Buffer.BlockCopy(_buffer, _pos, result, done, n);
                _pos += n;
                done += n;
                Position += n;
            }
            return result;
        }
    }
}

/// <summary>The parts of a recorded HTTP response Sitrep needs: status, content type, body (de-chunked, decompressed).</summary>
internal sealed record HttpResponse(int Status, string? ContentType, byte[] Body)
{
    public bool IsHtml => ContentType is null || ContentType.Contains("html", StringComparison.OrdinalIgnoreCase);

    public static HttpResponse? Parse(byte[] block)
    {
        int headerEnd = IndexOf(block, "\r\n\r\n"u8);
        int sep = 4;
        if (headerEnd < 0) { headerEnd = IndexOf(block, "\n\n"u8); sep = 2; }
        if (headerEnd < 0) return null;
        var head = Encoding.Latin1.GetString(block, 0, headerEnd).Split('\n');
        var status = head[0].Trim().Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code)) return null;
        string? contentType = null, transfer = null, encoding = null;
        foreach (var raw in head.Skip(1))
        {
            int colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var name = raw[..colon].Trim();
            var value = raw[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) transfer = value;
            else if (name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase)) encoding = value;
        }
        var body = block.AsSpan(headerEnd + sep).ToArray();
        try
        {
            if (transfer?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true) body = Dechunk(body);
            if (encoding?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var gz = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                body = ms.ToArray();
            }
        }
        catch (InvalidDataException) { return null; }
        catch (FormatException) { return null; }
        return new HttpResponse(code, contentType, body);
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        int pos = 0;
        while (pos < body.Length)
        {
            int eol = IndexOf(body.AsSpan(pos), "\r\n"u8);
            if (eol < 0) break;
            var sizeText = Encoding.ASCII.GetString(body, pos, eol).Split(';')[0].Trim();
            int size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            pos += eol + 2;
            if (size == 0) break;
            if (pos + size > body.Length) throw new FormatException("chunk beyond the body");
            output.Write(body, pos, size);
            pos += size + 2;
        }
        return output.ToArray();
    }

    private static int IndexOf(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle);
}
