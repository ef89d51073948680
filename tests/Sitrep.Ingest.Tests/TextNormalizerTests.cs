namespace Sitrep.Ingest.Tests;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("a\r\nb", "a\nb")]
    [InlineData("a\rb", "a\nb")]
    [InlineData("a\u2028b", "a\nb")]
    [InlineData("a\u2029b", "a\n\nb")]
    [InlineData("a\n\n\n\nb", "a\n\nb")]
    [InlineData("a \t\n \n\u00A0\nb  ", "a\n\nb")]
    [InlineData("\n\n  a b\n\n", "a b")]
    [InlineData("\uFEFFa", "a")]
    [InlineData("   ", "")]
    public void Normalizes_line_breaks_blank_lines_and_edges(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Inner_spacing_and_tabs_are_kept()
    {
        Assert.Equal("a  b\tc", TextNormalizer.Normalize("a  b\tc"));
    }
}
