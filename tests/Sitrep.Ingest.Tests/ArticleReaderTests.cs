using System.Text;

namespace Sitrep.Ingest.Tests;

public sealed class ArticleReaderTests
{
    [Theory]
    [InlineData("a.txt", InputFormat.Text)]
    [InlineData("a.HTML", InputFormat.Html)]
    [InlineData("a.htm", InputFormat.Html)]
    [InlineData("a.json", InputFormat.Json)]
    [InlineData("a.jsonl", InputFormat.JsonLines)]
    [InlineData("a.ndjson", InputFormat.JsonLines)]
    [InlineData("a", InputFormat.Auto)]
    [InlineData("-", InputFormat.Auto)]
    public void Extension_picks_the_format(string path, InputFormat expected) => Assert.Equal(expected, FormatDetector.FromExtension(path));

    [Theory]
    [InlineData("<!DOCTYPE html><html></html>", InputFormat.Html)]
    [InlineData("  \n<HTML><body></body></HTML>", InputFormat.Html)]
    [InlineData("{\"text\": \"x\"}", InputFormat.Json)]
    [InlineData("Plain words.", InputFormat.Text)]
    [InlineData("<3 is not markup", InputFormat.Text)]
    public void Content_sniffing_without_extension(string text, InputFormat expected) => Assert.Equal(expected, FormatDetector.Sniff(text));

    [Fact]
    public void Standard_input_is_sniffed_and_named_dash()
    {
        var html = "<!DOCTYPE html><html><head><meta property=\"og:title\" content=\"Piped page\"></head><body><p>Text that arrived on standard input, long enough to be an article paragraph.</p></body></html>";
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(html));
        var doc = TestFiles.Single(new ArticleReader().ReadStream(stdin));
        Assert.Equal("-", doc.Metadata.Source);
        Assert.Equal("Piped page", doc.Metadata.Title);
        Assert.DoesNotContain("<", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Forced_format_overrides_the_extension()
    {
        var reader = new ArticleReader(new IngestOptions { Format = InputFormat.Text });
        var doc = TestFiles.Single(reader.ReadText("{\"text\": \"not parsed\"}", "x.json"));
        Assert.Equal("{\"text\": \"not parsed\"}", doc.Text);
    }

    [Fact]
    public void Published_override_wins_over_markup_and_text()
    {
        var forced = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var reader = new ArticleReader(new IngestOptions { Published = forced, PublishedHasTime = true });
        foreach (var name in new[] { "article.html", "article.json", "ap-style.txt" })
        {
            var doc = TestFiles.Single(reader.ReadFile(TestFiles.Data(name)));
            Assert.Equal(forced, doc.Metadata.Published);
            Assert.True(doc.Metadata.PublishedHasTime);
        }
    }

    [Fact]
    public void Ids_are_stable_and_depend_on_source_and_text()
    {
        var reader = new ArticleReader();
        var a = TestFiles.Single(reader.ReadText("Same text.", "one.txt")).Metadata.Id;
        Assert.Equal(a, TestFiles.Single(new ArticleReader().ReadText("Same text.", "one.txt")).Metadata.Id);
        Assert.NotEqual(a, TestFiles.Single(reader.ReadText("Same text.", "two.txt")).Metadata.Id);
        Assert.NotEqual(a, TestFiles.Single(reader.ReadText("Other text.", "one.txt")).Metadata.Id);
        Assert.Matches("^[0-9a-f]{16}$", a);
    }

    [Fact]
    public void Source_is_the_path_as_given()
    {
        var path = TestFiles.Data("no-metadata.txt");
        Assert.Equal(path, TestFiles.Single(new ArticleReader().ReadFile(path)).Metadata.Source);
    }

    [Fact]
    public void Every_sample_reads_identically_twice()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data")))
        {
            var first = Describe(path);
            Assert.Equal(first, Describe(path));
        }

        static string Describe(string path)
        {
            try
            {
                return string.Join("\n", new ArticleReader().ReadFile(path).Select(r =>
                    r.Document is { } d ? $"{d.Metadata}\n{d.Text}\n{string.Join(";", d.Regions)}" : r.Error!.Message));
            }
            catch (SitrepInputException ex)
            {
                return ex.Message;
            }
        }
    }

    [Fact]
    public void Options_reject_a_limit_that_cannot_be_held_in_memory()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArticleReader(new IngestOptions { MaxBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArticleReader(new IngestOptions { MaxBytes = long.MaxValue }));
    }
}
