using System.Text;
using System.Text.Unicode;

namespace Sitrep.Ingest;

/// <summary>The decoded text of an input and the encoding it was read as.</summary>
public readonly record struct DecodedText(string Text, string EncodingName);

/// <summary>
/// Turns the bytes of one input into text without ever guessing silently: UTF-8 (with or without BOM),
/// UTF-16 LE/BE (BOM, or BOM-less recognised by its NUL-byte pattern), and Windows-1252 only when the bytes
/// are not valid UTF-8 and still look like 1252 text. Anything else is an input error, never mojibake.
/// </summary>
public sealed class TextDecoder
{
    // How many leading bytes decide whether BOM-less input is UTF-16; enough for a headline and a paragraph.
    private const int Utf16SampleBytes = 8192;

    private readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly UnicodeEncoding _utf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private readonly UnicodeEncoding _utf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    // Taken from the provider directly rather than registered globally, so no process-wide state changes.
    private readonly Encoding _windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available from CodePagesEncodingProvider");

    /// <summary>Decodes <paramref name="bytes"/>; throws <see cref="SitrepInputException"/> for empty, binary or undecodable input.</summary>
    public DecodedText Decode(ReadOnlySpan<byte> bytes, string? source)
    {
        if (bytes.IsEmpty) throw new SitrepInputException(source, "empty file");

        DecodedText decoded;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            decoded = new(DecodeUtf8(bytes[3..], source), "utf-8-bom");
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            decoded = new(DecodeUtf16(bytes[2..], bigEndian: false, source), "utf-16le");
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            decoded = new(DecodeUtf16(bytes[2..], bigEndian: true, source), "utf-16be");
        else if (DetectBomlessUtf16(bytes) is { } bigEndian)
            decoded = new(DecodeUtf16(bytes, bigEndian, source), bigEndian ? "utf-16be" : "utf-16le");
        else if (bytes.Contains((byte)0))
            throw new SitrepInputException(source, "binary file (contains NUL bytes)");
        else if (Utf8.IsValid(bytes))
            decoded = new(DecodeUtf8(bytes, source), "utf-8");
        else if (LooksLikeWindows1252(bytes))
            decoded = new(_windows1252.GetString(bytes), "windows-1252");
        else
            throw new SitrepInputException(source, "invalid UTF-8 (and not plausible Windows-1252 text)");

        if (HasHighControlShare(decoded.Text))
            throw new SitrepInputException(source, "binary file (too many control characters)");
        return decoded;
    }

    private string DecodeUtf8(ReadOnlySpan<byte> bytes, string? source)
    {
        try { return _utf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw new SitrepInputException(source, "invalid UTF-8 after a UTF-8 byte order mark"); }
    }

    private string DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian, string? source)
    {
        if ((bytes.Length & 1) != 0) throw new SitrepInputException(source, "invalid UTF-16 (odd number of bytes)");
        try { return (bigEndian ? _utf16Be : _utf16Le).GetString(bytes); }
        catch (DecoderFallbackException) { throw new SitrepInputException(source, "invalid UTF-16 (unpaired surrogate)"); }
    }

    /// <summary>
    /// Text in UTF-16 without a BOM has a zero high byte for every ASCII character, so NULs cluster on one
    /// parity of position; binary data has NULs on both. Returns null when the pattern is absent.
    /// </summary>
    private static bool? DetectBomlessUtf16(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, Utf16SampleBytes) & ~1)];
        int pairs = sample.Length / 2;
        if (pairs < 2) return null;
        int evenZeros = 0, oddZeros = 0;
        for (int i = 0; i < sample.Length; i += 2)
        {
            if (sample[i] == 0) evenZeros++;
            if (sample[i + 1] == 0) oddZeros++;
        }
        // A third of characters being ASCII is a low bar for news text; almost no NULs on the other side.
        if (oddZeros * 3 >= pairs && evenZeros * 50 <= pairs) return false;
        if (evenZeros * 3 >= pairs && oddZeros * 50 <= pairs) return true;
        return null;
    }

    /// <summary>
    /// Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; real 1252 text never contains them,
    /// while other encodings (or random bytes) often do.
    /// </summary>
    private static bool LooksLikeWindows1252(ReadOnlySpan<byte> bytes) =>
        bytes.IndexOfAny((ReadOnlySpan<byte>)[0x81, 0x8D, 0x8F, 0x90, 0x9D]) < 0;

    /// <summary>More than 1% control characters (other than line and tab whitespace) means the input is not prose.</summary>
    private static bool HasHighControlShare(string text)
    {
        int controls = 0;
        foreach (char c in text)
        {
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f' or '\v')) || c is >= '\u007F' and <= '\u009F')
                controls++;
        }
        return controls > 0 && controls * 100L > text.Length;
    }
}
