namespace Sitrep.Extraction.Tests.Quotes;

/// <summary>The seed article (../shared/samples, read by path; skipped when absent): speakers, anonymous sources, the pull-quote.</summary>
public sealed class SeedArticleQuoteTests
{
    private static Document Load()
    {
        var root = Analyze.RepoRoot();
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "samples", "straits-times-2016-10-27-mosul-raqqa.txt"));
        if (path is null || !File.Exists(path)) Assert.Skip("the seed article is not in ../shared/samples");
        var text = File.ReadAllText(path!).ReplaceLineEndings("\n");
        // The pull-quote marks the ingest layer adds: the repeated line and the all-caps line under it.
        var regions = new List<Region>();
        var lines = text.Split('\n');
        int offset = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var words = lines[i].Split(' ');
            if (i >= 2 && words.Length > 3 && words[0].Length > 2 && words[0] == words[0].ToUpperInvariant() && words[1].Any(char.IsLetter) && words[1] == words[1].ToUpperInvariant() && lines[i - 1].Length == 0 && regions.Count == 0)
            {
                int prev = i - 2, prevStart = offset - lines[i - 1].Length - 1 - lines[i - 2].Length - 1;
                regions.Add(new Region(RegionKind.PullQuote, prevStart, prevStart + lines[prev].Length));
                regions.Add(new Region(RegionKind.PullQuoteAttribution, offset, offset + lines[i].Length, 0));
            }
            offset += lines[i].Length + 1;
        }
        return QuoteFinderTests.Run(text, regions);
    }

    private static string? Speaker(Document doc, Quote q) => doc.Entities.Find(e => e.Id == q.Speaker)?.Name;

    [Fact]
    public void Attributes_the_direct_quotes_to_Carter_and_Hollande()
    {
        var doc = Load();
        var direct = doc.Quotes.FindAll(q => q.Kind == QuoteKind.Direct);
        Assert.Equal(2, direct.Count);
        Assert.Contains("Carter", Speaker(doc, direct[0]));
        Assert.Contains("Hollande", Speaker(doc, direct[1]), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Counts_the_pull_quote_once()
    {
        var doc = Load();
        var hollande = Assert.Single(doc.Quotes, q => q.Text.StartsWith("We must also be very vigilant", StringComparison.Ordinal));
        Assert.Equal(2, hollande.Occurrences.Count);
    }

    [Fact]
    public void Finds_the_anonymous_official_and_the_residents_with_their_statements()
    {
        var doc = Load();
        var official = doc.Quotes.FindAll(q => q.Kind == QuoteKind.Indirect && q.SpeakerText is { } s && s.Contains("military official", StringComparison.Ordinal));
        Assert.True(official.Count >= 2, "the official's two statements");
        Assert.All(official, q => { Assert.True(q.Anonymous); Assert.Null(q.Speaker); });
        Assert.Contains(official, q => q.Text.StartsWith("the allies hope", StringComparison.Ordinal));
        var residents = Assert.Single(doc.Quotes, q => q.Kind == QuoteKind.Indirect && q.SpeakerText == "Mosul residents");
        Assert.StartsWith("the militants were shaving their beards", residents.Text);
        Assert.True(residents.Anonymous);
    }

    [Fact]
    public void Attaches_the_two_partial_quotes()
    {
        var doc = Load();
        var hundred = Assert.Single(doc.Quotes, q => q.Kind == QuoteKind.Partial && q.Text == "couple hundred");
        Assert.Contains("military official", hundred.SpeakerText);
        var escape = Assert.Single(doc.Quotes, q => q.Kind == QuoteKind.Partial && q.Text == "to escape the city");
        Assert.Equal("Mosul residents", escape.SpeakerText);
    }

    [Fact]
    public void Resolves_he_added_to_Carter()
    {
        var doc = Load();
        var added = Assert.Single(doc.Quotes, q => q.Cue == "added");
        Assert.Contains("Carter", Speaker(doc, added));
    }
}
