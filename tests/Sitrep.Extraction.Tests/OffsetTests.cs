namespace Sitrep.Extraction.Tests;

/// <summary>Offsets hold on awkward input: edge positions, curly quotes, lone numbers, empty text.</summary>
public sealed class OffsetTests
{
    [Theory]
    [InlineData("")]
    [InlineData("2016")]
    [InlineData("yesterday")]
    [InlineData("“Tuesday’s” vote, 30,000 — at least 12 dead; $5bn, 10%")]
    [InlineData("mid-1996 mid-afternoon the late 1970s the year-ago quarter 5 p.m. EST, Nov. 6")]
    [InlineData("a a a the the of - - 1 2 3 one two three hundred thousand million")]
    public void Annotations_match_their_text(string text) => Analyze.AssertOffsets(Analyze.RunAt(text));

    [Fact]
    public void Output_is_deterministic()
    {
        const string text = "Last Tuesday more than 30,000 troops killed 130 people, two weeks after Nov 13 last year.";
        var a = Analyze.RunAt(text);
        var b = Analyze.RunAt(text);
        Assert.Equal(a.Times.Select(t => (t.Start, t.End, t.Value)), b.Times.Select(t => (t.Start, t.End, t.Value)));
        Assert.Equal(a.Quantities.Select(q => (q.Start, q.End, q.Value, q.Unit)), b.Quantities.Select(q => (q.Start, q.End, q.Value, q.Unit)));
    }
}
