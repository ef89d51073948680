using Sitrep.Text.Tokenization;

namespace Sitrep.Text.Tests;

public sealed class SentenceSplitterTests
{
    private static string[] Sentences(string text, Action<Document>? prepare = null)
    {
        var doc = new Document(text);
        prepare?.Invoke(doc);
        new Tokenizer().Process(doc);
        new SentenceSplitter().Process(doc);
        return doc.Sentences.Select(s => text[s.Start..s.End]).ToArray();
    }

    [Fact]
    public void Splits_after_terminal_punctuation()
        => Assert.Equal(["He left.", "She stayed!", "Why?"], Sentences("He left. She stayed! Why?"));

    [Fact]
    public void Does_not_split_after_titles_initials_or_inside_numbers()
        => Assert.Equal(["Mr. Carter met Jennifer M. Anderson at 3.30 p.m. in the U.S. embassy."],
            Sentences("Mr. Carter met Jennifer M. Anderson at 3.30 p.m. in the U.S. embassy."));

    [Fact]
    public void Splits_after_an_abbreviation_before_a_sentence_opener()
        => Assert.Equal(["They met in the U.S.", "The talks ended."], Sentences("They met in the U.S. The talks ended."));

    [Fact]
    public void Keeps_a_closing_quote_with_its_sentence()
        => Assert.Equal(["\u201CWe are prepared.\u201D", "He left."], Sentences("\u201CWe are prepared.\u201D He left."));

    [Fact]
    public void Does_not_split_a_quote_followed_by_its_attribution()
        => Assert.Equal(["\"Is it over?\" he asked.", "\"Yes,\" said Mr Carter."], Sentences("\"Is it over?\" he asked. \"Yes,\" said Mr Carter."));

    [Fact]
    public void Splits_headlines_and_paragraphs_without_final_punctuation()
        => Assert.Equal(["Next: Battle for the capital", "PARIS \u2022 Troops advance on the city.", "FRENCH PRESIDENT FRANCOIS HOLLANDE", "More text"],
            Sentences("Next: Battle for the capital\n\nPARIS \u2022 Troops advance on the city.\nFRENCH PRESIDENT FRANCOIS HOLLANDE\nMore text"));

    [Fact]
    public void Joins_hard_wrapped_lines_of_a_long_sentence()
        => Assert.Equal(["The coalition is helping to build the local force, including a contingent of Arab\nfighters, that will be used to enter the city."],
            Sentences("The coalition is helping to build the local force, including a contingent of Arab\nfighters, that will be used to enter the city."));

    [Fact]
    public void Splits_at_region_boundaries()
    {
        const string text = "We must be vigilant\nFRENCH PRESIDENT, warning";
        var sentences = Sentences(text, d => d.Regions.Add(new Region(RegionKind.PullQuote, 0, 19)));
        Assert.Equal(["We must be vigilant", "FRENCH PRESIDENT, warning"], sentences);
    }

    [Fact]
    public void Sentences_cover_all_tokens_in_order()
    {
        var doc = new Document("A b. C d? \"E.\" F\n\nG");
        new Tokenizer().Process(doc);
        new SentenceSplitter().Process(doc);
        int expected = 0;
        foreach (var s in doc.Sentences)
        {
            Assert.Equal(expected, s.TokenStart);
            Assert.True(s.TokenEnd > s.TokenStart);
            expected = s.TokenEnd;
        }
        Assert.Equal(doc.TokenCount, expected);
    }
}
