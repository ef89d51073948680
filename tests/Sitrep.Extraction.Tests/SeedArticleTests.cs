namespace Sitrep.Extraction.Tests;

/// <summary>The Straits Times article of 27 October 2016 in ../shared/samples, read by path; skipped when it is absent.</summary>
public sealed class SeedArticleTests
{
    private static Document Load()
    {
        var root = Analyze.RepoRoot();
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "samples", "straits-times-2016-10-27-mosul-raqqa.txt"));
        if (path is null || !File.Exists(path)) Assert.Skip("the seed article is not in ../shared/samples");
        return Analyze.RunAt(File.ReadAllText(path!).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("yesterday", TimeType.DATE, "2016-10-26", null)]
    [InlineData("Tuesday", TimeType.DATE, "2016-10-25", null)]
    [InlineData("earlier this month", TimeType.DATE, "2016-10", "START")]
    [InlineData("Nov 13 last year", TimeType.DATE, "2015-11-13", null)]
    [InlineData("this week", TimeType.DATE, "2016-W43", null)]
    [InlineData("months away", TimeType.DURATION, "PXM", null)]
    [InlineData("Earlier in the year", TimeType.DATE, "2016", "START")]
    [InlineData("October 27, 2016", TimeType.DATE, "2016-10-27", null)]
    public void Normalizes_the_listed_expressions(string text, TimeType type, string value, string? mod)
    {
        var doc = Load();
        var t = Analyze.Time(doc, text);
        Assert.Equal(type, t.Type);
        Assert.Equal(value, t.Value);
        Assert.Equal(mod, t.Mod);
    }

    [Theory]
    [InlineData("more than 30,000", 30000, "more_than", "troop")]
    [InlineData("13", 13, "exact", "country")]
    [InlineData("130", 130, "exact", "person")]
    [InlineData("couple hundred", 200, "about", null)]
    public void Finds_the_figures_with_their_units(string text, double value, string qualifier, string? unit)
    {
        var q = Analyze.Quantity(Load(), text);
        Assert.Equal(value, q.Value);
        Assert.Equal(qualifier, q.Qualifier);
        Assert.Equal(unit, q.Unit);
    }

    [Fact]
    public void Links_the_Paris_death_toll_to_its_attacks()
    {
        var doc = Load();
        var c = Assert.Single(doc.Casualties);
        Assert.Equal(CasualtyKind.Killed, c.Kind);
        Assert.Equal(130, c.Count);
        Assert.Equal("attacks", c.Event?.Text);
    }

    [Fact]
    public void Offsets_are_inside_the_text() => Analyze.AssertOffsets(Load());
}
