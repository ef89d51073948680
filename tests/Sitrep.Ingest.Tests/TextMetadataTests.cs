namespace Sitrep.Ingest.Tests;

public sealed class TextMetadataTests
{
    private static Document Read(string name, IngestOptions? options = null)
    {
        var doc = TestFiles.Single(new ArticleReader(options).ReadFile(TestFiles.Data(name)));
        DocumentAssert.RegionsAreValid(doc);
        return doc;
    }

    private static string[] Regions(Document doc) => [.. doc.Regions.Select(r => $"{r.Kind}:{TestFiles.Text(doc, r)}")];

    [Fact]
    public void Reuters_style_dateline_with_region_and_agency_and_credit_line_footer()
    {
        var doc = Read("reuters-style.txt");
        var m = doc.Metadata;
        Assert.Equal("Ferry operator halts crossings after engine fire", m.Title);
        Assert.Equal("Anna Berg", m.Byline);
        Assert.Equal("TAMPERE, Finland", m.Dateline);
        Assert.Equal("Reuters", m.Publisher);
        Assert.Null(m.Published);
        Assert.Equal(
            ["Headline:Ferry operator halts crossings after engine fire", "Byline:By Anna Berg, Reuters", "Dateline:TAMPERE, Finland (Reuters) -"],
            Regions(doc));
        Assert.EndsWith("\"We will not sail until every engine has been checked,\" she said.", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AP_style_dateline_date_gets_its_year_from_the_copyright_footer()
    {
        var doc = Read("ap-style.txt");
        var m = doc.Metadata;
        Assert.Equal("JANE DOE and JOHN ROE", m.Byline);
        Assert.Equal("BAGHDAD", m.Dateline);
        Assert.Equal("The Associated Press", m.Publisher);
        Assert.Equal(new DateTimeOffset(2016, 10, 26, 0, 0, 0, TimeSpan.Zero), m.Published);
        Assert.Contains("Dateline:BAGHDAD, Oct 26 (AP) —", Regions(doc));
        Assert.DoesNotContain("Copyright", doc.Text, StringComparison.Ordinal);
        Assert.EndsWith("by the weekend.", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dateline_date_without_any_year_leaves_published_unset()
    {
        var text = "BAGHDAD, Oct 26 (AP) — Traders returned to the market on Wednesday.\n\nTrade was slow.";
        var doc = TestFiles.Single(new ArticleReader().ReadText(text, "x.txt"));
        Assert.Equal("BAGHDAD", doc.Metadata.Dateline);
        Assert.Equal("AP", doc.Metadata.Publisher);
        Assert.Null(doc.Metadata.Published);
    }

    [Fact]
    public void Dateline_date_with_its_year_is_the_publication_date()
    {
        var text = "Talks stall\n\nKYIV, March 3, 2025 (Reuters) - Shelling resumed on Monday.\n\nMore text.";
        var doc = TestFiles.Single(new ArticleReader().ReadText(text, "x.txt"));
        Assert.Equal("KYIV", doc.Metadata.Dateline);
        Assert.Equal("Reuters", doc.Metadata.Publisher);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero), doc.Metadata.Published);
    }

    [Fact]
    public void Name_comma_role_byline_and_first_appeared_footer()
    {
        var doc = Read("washington-dash.txt");
        var m = doc.Metadata;
        Assert.Equal("Sam Okafor", m.Byline);
        Assert.Equal("WASHINGTON", m.Dateline);
        Assert.Equal("The Daily Ledger", m.Publisher);
        Assert.Equal(new DateTimeOffset(2021, 3, 3, 0, 0, 0, TimeSpan.Zero), m.Published);
        Assert.Contains("Dateline:WASHINGTON —", Regions(doc));
        Assert.EndsWith("a vote could come next month.", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_word_dateline_and_copyright_symbol_footer()
    {
        var doc = Read("newyork-copyright.txt");
        var m = doc.Metadata;
        Assert.Equal("NEW YORK", m.Dateline);
        Assert.Equal("Lena Park", m.Byline);
        Assert.Equal("Reuters", m.Publisher);
        Assert.Null(m.Published);
        Assert.DoesNotContain("©", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_header_gets_no_title_and_no_regions()
    {
        var doc = Read("no-metadata.txt");
        Assert.Null(doc.Metadata.Title);
        Assert.Null(doc.Metadata.Dateline);
        Assert.Empty(doc.Regions);
        Assert.EndsWith("take effect.", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_quote_with_curly_quotes_is_found_by_its_repetition_in_the_body()
    {
        var doc = Read("pull-quote.txt");
        Assert.Equal(
            [
                "Headline:Flood walls hold as river peaks",
                "Dateline:RIVERTON —",
                "PullQuote:“The walls did exactly what we built them to do.”",
                "PullQuoteAttribution:MAYOR ELLEN VOSS, on the flood defences",
            ],
            Regions(doc));
        Assert.Equal(2, doc.Regions[3].Of);
    }

    [Fact]
    public void A_caps_line_after_a_sentence_that_is_not_repeated_is_not_a_pull_quote()
    {
        var text = "Headline here\n\nPARIS — Body text starts here and goes on.\n\nThis sentence is said only once in the article.\n\nAN ALL CAPS LINE, with words\n\nMore body.";
        var doc = TestFiles.Single(new ArticleReader().ReadText(text, "x.txt"));
        Assert.DoesNotContain(doc.Regions, r => r.Kind == RegionKind.PullQuote);
    }

    [Theory]
    [InlineData("PARIS • Text.", "PARIS", "PARIS •")]
    [InlineData("PARIS (Reuters) - Text.", "PARIS", "PARIS (Reuters) -")]
    [InlineData("MOSUL, Iraq (Reuters) - Text.", "MOSUL, Iraq", "MOSUL, Iraq (Reuters) -")]
    [InlineData("BAGHDAD, Oct 26 (AP) — Text.", "BAGHDAD", "BAGHDAD, Oct 26 (AP) —")]
    [InlineData("WASHINGTON — Text.", "WASHINGTON", "WASHINGTON —")]
    [InlineData("NEW YORK — Text.", "NEW YORK", "NEW YORK —")]
    [InlineData("ST. LOUIS, Mo. -- Text.", "ST. LOUIS, Mo.", "ST. LOUIS, Mo. --")]
    [InlineData("KYIV, March 3, 2025 (Reuters) - Text.", "KYIV", "KYIV, March 3, 2025 (Reuters) -")]
    [InlineData("Kyiv (AFP) - Text.", "Kyiv", "Kyiv (AFP) -")]
    [InlineData("Tbilisi, Georgia, Dec. 1 (Reuters) - Text.", "Tbilisi, Georgia", "Tbilisi, Georgia, Dec. 1 (Reuters) -")]
    public void Dateline_styles(string firstParagraph, string place, string region)
    {
        var doc = TestFiles.Single(new ArticleReader().ReadText("A headline\n\n" + firstParagraph + "\n\nMore.", "x.txt"));
        Assert.Equal(place, doc.Metadata.Dateline);
        var dateline = Assert.Single(doc.Regions, r => r.Kind == RegionKind.Dateline);
        Assert.Equal(region, TestFiles.Text(doc, dateline));
        DocumentAssert.RegionsAreValid(doc);
    }

    [Theory]
    [InlineData("US officials said on Monday that talks would resume.")]
    [InlineData("A US military official said the plan - if approved - would start soon.")]
    [InlineData("NATO allies met in Brussels.")]
    [InlineData("Kyiv (the capital) - said to be calm - reopened its schools.")]
    [InlineData("Protesters (thousands of them) - marched on.")]
    public void Ordinary_first_sentences_are_not_datelines(string firstParagraph)
    {
        var doc = TestFiles.Single(new ArticleReader().ReadText("A headline\n\n" + firstParagraph, "x.txt"));
        Assert.Null(doc.Metadata.Dateline);
    }

    [Fact]
    public void Headline_needs_a_blank_line_after_it_and_no_final_period()
    {
        var withPeriod = TestFiles.Single(new ArticleReader().ReadText("This is a sentence.\n\nAnother one.", "x.txt"));
        Assert.Null(withPeriod.Metadata.Title);
        var noBlank = TestFiles.Single(new ArticleReader().ReadText("Short line\nstill the same paragraph.", "x.txt"));
        Assert.Null(noBlank.Metadata.Title);
    }

    [Fact]
    public void Footer_only_text_is_kept_rather_than_emptied()
    {
        var doc = TestFiles.Single(new ArticleReader().ReadText("© 2019 Reuters", "x.txt"));
        Assert.Equal("© 2019 Reuters", doc.Text);
    }

    [Fact]
    public void Pathological_header_and_pull_quote_patterns_stay_fast()
    {
        var byline = "By " + string.Join(" AND ", Enumerable.Repeat("AB", 25)) + " x";
        var pairs = string.Concat(Enumerable.Repeat("A sentence that repeats in the text.\n\nCAPS LINE, said so\n\n", 20_000));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var doc = TestFiles.Single(new ArticleReader().ReadText("Headline\n\n" + byline + "\n\n" + pairs + "End.", "slow.txt"));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
        Assert.Null(doc.Metadata.Byline);
        DocumentAssert.RegionsAreValid(doc);
    }
}
