using System.Text;

namespace Sitrep.Ingest.Tests;

public sealed class DecodingTests
{
    private const string Article = "Café owners protest “new rules”\n\nPARIS — Owners of cafés said the rules, which take effect in 2025, cost €2,000 a year.";

    private static Document ReadBytes(byte[] bytes, string source = "a.txt") => TestFiles.Single(new ArticleReader().ReadBytes(bytes, source));

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void Unicode_encodings_decode_to_the_same_text(string encoding)
    {
        byte[] bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(Article),
            "utf-8-bom" => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Article)],
            "utf-16le-bom" => [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Article)],
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(Article)],
            "utf-16le" => Encoding.Unicode.GetBytes(Article),
            "utf-16be" => Encoding.BigEndianUnicode.GetBytes(Article),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        var doc = ReadBytes(bytes);
        Assert.Equal(Article, doc.Text);
        Assert.Equal("PARIS", doc.Metadata.Dateline);
        Assert.Equal("Café owners protest “new rules”", doc.Metadata.Title);
    }

    [Fact]
    public void Windows_1252_is_the_fallback_for_bytes_that_are_not_UTF8()
    {
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var doc = ReadBytes(cp1252.GetBytes(Article));
        Assert.Equal(Article, doc.Text);
    }

    [Fact]
    public void Bytes_that_are_neither_UTF8_nor_plausible_1252_are_refused()
    {
        // 0x81 and 0x8D are undefined in Windows-1252, and 0xC3 0x28 is an invalid UTF-8 sequence.
        byte[] bytes = [.. "Some text "u8, 0xC3, 0x28, 0x81, 0x8D, .. " more text"u8];
        var ex = Assert.Throws<SitrepInputException>(() => ReadBytes(bytes));
        Assert.Contains("invalid UTF-8", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_after_a_UTF8_BOM_is_refused_rather_than_guessed()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "caf"u8, 0xE9, .. " text"u8];
        var ex = Assert.Throws<SitrepInputException>(() => ReadBytes(bytes));
        Assert.Contains("invalid UTF-8", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_endings_become_newlines_and_line_ends_are_trimmed()
    {
        var doc = ReadBytes(Encoding.UTF8.GetBytes("  \r\nHeadline \r\n\r\nFirst line\rsecond line\t\r\n\r\n\r\n"));
        Assert.Equal("Headline\n\nFirst line\nsecond line", doc.Text);
        Assert.Equal("Headline", doc.Metadata.Title);
    }

    [Fact]
    public void A_10MB_line_without_spaces_is_legal_text_and_read_in_linear_time()
    {
        var line = new string('x', 10 * 1024 * 1024);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var doc = ReadBytes(Encoding.ASCII.GetBytes("Headline\n\n" + line + "\n\nLast paragraph."));
        Assert.Equal(10 * 1024 * 1024 + "Headline\n\n\n\nLast paragraph.".Length, doc.Text.Length);
        Assert.Equal("Headline", doc.Metadata.Title);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public void Stray_byte_order_marks_inside_the_text_are_removed()
    {
        var doc = ReadBytes(Encoding.UTF8.GetBytes("One\uFEFF paragraph."));
        Assert.Equal("One paragraph.", doc.Text);
    }
}
