namespace Sitrep.Ingest.Tests;

public sealed class SeedArticleTests
{
    private const string Seed = "straits-times-2016-10-27-mosul-raqqa.txt";

    [Fact]
    public void Seed_article_yields_title_publisher_date_and_dateline()
    {
        var doc = TestFiles.Single(new ArticleReader().ReadFile(TestFiles.SharedSample(Seed)));
        var m = doc.Metadata;
        Assert.Equal("Next: Battle for ISIS' capital in Syria", m.Title);
        Assert.Equal("The Straits Times", m.Publisher);
        Assert.Equal(new DateTimeOffset(2016, 10, 27, 0, 0, 0, TimeSpan.Zero), m.Published);
        Assert.False(m.PublishedHasTime);
        Assert.Equal("PARIS", m.Dateline);
        Assert.Equal("PARIS", doc.Slice(m.DatelineSpan!.Value).ToString());
    }

    [Fact]
    public void Seed_article_footer_is_removed_from_the_text()
    {
        var doc = TestFiles.Single(new ArticleReader().ReadFile(TestFiles.SharedSample(Seed)));
        Assert.DoesNotContain("print edition", doc.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Subscribe", doc.Text, StringComparison.Ordinal);
        Assert.EndsWith("perpetrated or inspired by the group.", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_article_marks_headline_dateline_and_pull_quote()
    {
        var doc = TestFiles.Single(new ArticleReader().ReadFile(TestFiles.SharedSample(Seed)));
        var kinds = doc.Regions.Select(r => r.Kind).ToArray();
        Assert.Equal([RegionKind.Headline, RegionKind.Dateline, RegionKind.PullQuote, RegionKind.PullQuoteAttribution], kinds);
        Assert.Equal("Next: Battle for ISIS' capital in Syria", TestFiles.Text(doc, doc.Regions[0]));
        Assert.Equal("PARIS •", TestFiles.Text(doc, doc.Regions[1]));
        Assert.Equal("We must also be very vigilant towards the return of foreign fighters.", TestFiles.Text(doc, doc.Regions[2]));
        Assert.StartsWith("FRENCH PRESIDENT FRANCOIS HOLLANDE, warning", TestFiles.Text(doc, doc.Regions[3]), StringComparison.Ordinal);
        Assert.Equal(2, doc.Regions[3].Of);
    }
}
