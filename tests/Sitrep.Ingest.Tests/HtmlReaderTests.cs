namespace Sitrep.Ingest.Tests;

public sealed class HtmlReaderTests
{
    private static Document Read(string name)
    {
        var doc = TestFiles.Single(new ArticleReader().ReadFile(TestFiles.Data(name)));
        DocumentAssert.RegionsAreValid(doc);
        return doc;
    }

    [Fact]
    public void Meta_tags_give_title_publisher_author_url_and_time()
    {
        var m = Read("article.html").Metadata;
        Assert.Equal("Harbour cranes return after strike", m.Title);
        Assert.Equal("The Coastal Courier", m.Publisher);
        Assert.Equal("Priya Nair", m.Byline);
        Assert.Equal("https://courier.example/news/harbour-cranes", m.Url);
        Assert.Equal("en", m.Language);
        Assert.Equal(new DateTimeOffset(2022, 5, 17, 9, 30, 0, TimeSpan.FromHours(2)), m.Published);
        Assert.True(m.PublishedHasTime);
    }

    [Fact]
    public void Body_keeps_paragraphs_and_drops_captions_and_page_furniture()
    {
        var doc = Read("article.html");
        Assert.StartsWith("PORTHAVEN — Container cranes", doc.Text, StringComparison.Ordinal);
        Assert.Equal(4, doc.Text.Split("\n\n").Length);
        Assert.Contains("patience & said", doc.Text, StringComparison.Ordinal);
        foreach (var furniture in new[] { "Photo:", "Cranes at the container terminal", "cookies", "Related", "analytics", "All rights reserved", "Sport" })
            Assert.DoesNotContain(furniture, doc.Text, StringComparison.Ordinal);
        Assert.Equal("PORTHAVEN", doc.Metadata.Dateline);
    }

    [Fact]
    public void JSON_LD_gives_date_publisher_and_author_and_canonical_link_gives_url()
    {
        var doc = Read("jsonld.html");
        var m = doc.Metadata;
        Assert.Equal(new DateTimeOffset(2023, 1, 9, 0, 0, 0, TimeSpan.Zero), m.Published);
        Assert.False(m.PublishedHasTime);
        Assert.Equal("Town Notes Daily", m.Publisher);
        Assert.Equal("Omar Haddad", m.Byline);
        Assert.Equal("Library extends opening hours", m.Title);
        Assert.Equal("https://townnotes.example/library-hours", m.Url);
        Assert.Equal(3, doc.Text.Split("\n\n").Length);
    }

    [Fact]
    public void Time_element_gives_the_date_of_a_short_page()
    {
        var doc = Read("time-only.htm");
        Assert.Equal(new DateTimeOffset(2021, 11, 2, 14, 5, 0, TimeSpan.Zero), doc.Metadata.Published);
        Assert.True(doc.Metadata.PublishedHasTime);
        Assert.Contains("Tuesday afternoon.\nCyclists", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_tags_still_yield_their_text()
    {
        var doc = Read("broken-tags.html");
        Assert.Contains("Unclosed paragraph with bold text", doc.Text, StringComparison.Ordinal);
        Assert.Contains("Second paragraph & a stray ampersand and unclosed italics", doc.Text, StringComparison.Ordinal);
        Assert.Contains("Nested without end", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_markup_does_not_overflow_the_stack()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 20_000)) + "<p>Deep text survives the nesting.</p></body></html>";
        var doc = TestFiles.Single(new ArticleReader().ReadText(html, "deep.html"));
        Assert.Contains("Deep text survives the nesting.", doc.Text, StringComparison.Ordinal);
    }
}
