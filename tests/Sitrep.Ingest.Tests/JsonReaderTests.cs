namespace Sitrep.Ingest.Tests;

public sealed class JsonReaderTests
{
    [Fact]
    public void Single_object_fields_become_metadata_and_win_over_the_text()
    {
        var doc = TestFiles.Single(new ArticleReader().ReadFile(TestFiles.Data("article.json")));
        DocumentAssert.RegionsAreValid(doc);
        var m = doc.Metadata;
        Assert.Equal("courier-2022-0517", m.Id);
        Assert.Equal("https://courier.example/news/trams", m.Url);
        Assert.Equal("Trams to run all night at weekends", m.Title);
        Assert.Equal("The Coastal Courier", m.Publisher);
        Assert.Equal(new DateTimeOffset(2022, 5, 20, 6, 0, 0, TimeSpan.Zero), m.Published);
        Assert.True(m.PublishedHasTime);
        Assert.Equal("PORTHAVEN", m.Dateline);
        Assert.Equal(RegionKind.Headline, doc.Regions[0].Kind);
        Assert.DoesNotContain('\r', doc.Text);
    }

    [Fact]
    public void JSON_lines_report_bad_lines_with_their_numbers_and_keep_the_good_ones()
    {
        var results = new ArticleReader().ReadFile(TestFiles.Data("articles.jsonl"));
        Assert.Equal(5, results.Count);

        Assert.Equal("a1", results[0].Document!.Metadata.Id);
        Assert.Equal(new DateTimeOffset(2020, 9, 12, 0, 0, 0, TimeSpan.Zero), results[0].Document!.Metadata.Published);

        Assert.False(results[1].Succeeded);
        Assert.Equal(2, results[1].Error!.LineNumber);
        Assert.StartsWith("malformed JSON", results[1].Error!.Reason, StringComparison.Ordinal);

        Assert.Equal(3, results[2].Error!.LineNumber);
        Assert.Equal("JSON record has no \"text\" string", results[2].Error!.Reason);

        // Line 4 is blank and skipped; numbering still counts it.
        Assert.Equal("a4", results[3].Document!.Metadata.Id);
        Assert.Equal("River Gazette", results[3].Document!.Metadata.Publisher);

        Assert.Equal(6, results[4].Error!.LineNumber);
        Assert.Contains("\"published\" is not an ISO 8601 date", results[4].Error!.Reason, StringComparison.Ordinal);
        Assert.EndsWith(":6: \"published\" is not an ISO 8601 date: \"last Tuesday\"", results[4].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_file_holding_one_object_per_line_is_read_as_JSON_lines()
    {
        var text = "{\"text\": \"First record text.\"}\n{\"text\": \"Second record text.\"}\n";
        var results = new ArticleReader().ReadText(text, "batch.json");
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.NotEqual(results[0].Document!.Metadata.Id, results[1].Document!.Metadata.Id);
    }

    [Theory]
    [InlineData("[1, 2]", "expected a JSON object, found an array")]
    [InlineData("{\"text\": 42}", "JSON record has no \"text\" string")]
    [InlineData("{\"text\": \"  \"}", "JSON record has an empty \"text\"")]
    [InlineData("{\"text\": \"ok\", \"title\": 7}", "\"title\" must be a string, found a number")]
    public void Wrong_shapes_are_clear_errors(string json, string reason)
    {
        var ex = Assert.Throws<SitrepInputException>(() => new ArticleReader().ReadText(json, "bad.json"));
        Assert.Equal(reason, ex.Reason);
    }

    [Fact]
    public void Numeric_ids_are_kept_as_written()
    {
        var doc = TestFiles.Single(new ArticleReader().ReadText("{\"id\": 1017, \"text\": \"Body.\"}", "n.json"));
        Assert.Equal("1017", doc.Metadata.Id);
    }
}
