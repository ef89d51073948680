namespace Sitrep.Ingest.Tests;

/// <summary>Articles assembled at random from header, body and footer pieces: offsets must always hold, footers must always go.</summary>
public sealed class RandomArticleTests
{
    private static readonly string[] Headlines = ["Storm closes mountain pass", "Why the vote matters", "Talks resume in Geneva", "Council: budget gap widens"];
    private static readonly string[] Bylines = ["By Ada Lund", "By ADA LUND and PER HOLM", "Ada Lund, Reuters", "Per Holm, Staff Writer", "By Ada Lund, AFP"];
    private static readonly string[] Datelines = ["GENEVA (Reuters) - ", "OSLO • ", "LIMA, Peru (AP) — ", "CAIRO, Sept. 3 (AFP) - ", "", "SAN JOSE, Calif. — "];
    private static readonly string[] Bodies =
    [
        "Delegates met for a second day on Tuesday.",
        "\"We are making progress,\" one official said, asking not to be named.",
        "The pass will stay closed until crews clear the snow - possibly by Friday.",
        "Prices rose 3.2% in May, the statistics office said.",
        "“Nothing has been decided yet,” the minister told reporters.",
    ];
    private static readonly string[] Footers =
    [
        "A version of this article appeared in the print edition of The Evening Post on June 4, 2019, with the headline 'X'.",
        "Copyright 2018 The Associated Press. All rights reserved.",
        "© 2017 Reuters",
        "(Reporting by Ada Lund; Editing by Per Holm)",
        "Print Edition | Subscribe",
    ];

    [Fact]
    public void Random_articles_keep_valid_offsets_and_lose_their_footers()
    {
        var random = new Random(20161027);
        var reader = new ArticleReader();
        for (int i = 0; i < 400; i++)
        {
            var parts = new List<string>();
            if (random.Next(2) == 0) parts.Add(Pick(random, Headlines));
            string? byline = random.Next(2) == 0 ? Pick(random, Bylines) : null;
            if (byline is not null) parts.Add(byline);
            var dateline = Pick(random, Datelines);
            parts.Add(dateline + Pick(random, Bodies));
            for (int b = random.Next(0, 5); b > 0; b--) parts.Add(Pick(random, Bodies));
            if (random.Next(3) == 0)
            {
                parts.Add("Nothing has been decided yet.");
                parts.Add("THE MINISTER, speaking on Tuesday");
            }
            int footers = random.Next(0, 3);
            for (int f = 0; f < footers; f++) parts.Add(Pick(random, Footers));

            var separator = random.Next(2) == 0 ? "\n\n" : "\r\n\r\n\r\n";
            var doc = TestFiles.Single(reader.ReadText(string.Join(separator, parts), $"random-{i}.txt"));
            DocumentAssert.RegionsAreValid(doc);
            foreach (var footer in Footers) Assert.DoesNotContain(footer, doc.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n\n\n", doc.Text, StringComparison.Ordinal);
            Assert.Equal(byline is not null, doc.Metadata.Byline is not null);
            if (dateline.Length > 0)
                Assert.StartsWith(doc.Metadata.Dateline!, dateline, StringComparison.Ordinal);
            else
                Assert.Null(doc.Metadata.Dateline);
        }
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
