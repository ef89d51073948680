using Sitrep.Text.Tokenization;

namespace Sitrep.Text.Tests;

public sealed class TokenizerTests
{
    private static string[] Tokens(string text)
    {
        var doc = new Document(text);
        new Tokenizer().Process(doc);
        var result = new string[doc.TokenCount];
        for (int i = 0; i < doc.TokenCount; i++) result[i] = doc[i].ToString();
        return result;
    }

    [Theory]
    [InlineData("I don't know.", "I|do|n't|know|.")]
    [InlineData("They can't, won't go.", "They|ca|n't|,|wo|n't|go|.")]
    [InlineData("Mr Carter's plan", "Mr|Carter|'s|plan")]
    [InlineData("ISIS' de facto capital", "ISIS|'|de|facto|capital")]
    [InlineData("We're sure they'll say I'd", "We|'re|sure|they|'ll|say|I|'d")]
    [InlineData("It’s Hollande’s", "It|’s|Hollande|’s")]
    [InlineData("I cannot", "I|can|not")]
    public void Splits_clitics_like_UD(string text, string expected) => Assert.Equal(expected.Split('|'), Tokens(text));

    [Theory]
    [InlineData("more than 30,000 Iraqi troops", "more|than|30,000|Iraqi|troops")]
    [InlineData("3.5 per cent at 10:30 on 10/27/2016", "3.5|per|cent|at|10:30|on|10/27/2016")]
    [InlineData("$100 and 40% of 1990s", "$|100|and|40|%|of|1990s")]
    [InlineData("a 15-year term", "a|15|-|year|term")]
    [InlineData("call 713-853-3989 now", "call|713-853-3989|now")]
    public void Keeps_numbers_whole(string text, string expected) => Assert.Equal(expected.Split('|'), Tokens(text));

    [Theory]
    [InlineData("the U.S. and Nov. 13", "the|U.S.|and|Nov.|13")]
    [InlineData("Dr. Smith met Gen. Jones", "Dr.|Smith|met|Gen.|Jones")]
    [InlineData("Jennifer M. Anderson", "Jennifer|M.|Anderson")]
    [InlineData("It ended.", "It|ended|.")]
    [InlineData("Acme Inc. said", "Acme|Inc.|said")]
    public void Keeps_periods_of_abbreviations(string text, string expected) => Assert.Equal(expected.Split('|'), Tokens(text));

    [Theory]
    [InlineData("US-led coalition", "US|-|led|coalition")]
    [InlineData("an e-mail to the co-founder", "an|e-mail|to|the|co-founder")]
    [InlineData("non-state and al-Qaeda", "non-state|and|al|-|Qaeda")]
    public void Splits_hyphens_except_after_prefixes(string text, string expected) => Assert.Equal(expected.Split('|'), Tokens(text));

    [Theory]
    [InlineData("See https://example.com/a_(b)?x=1.", "See|https://example.com/a_(b)?x=1|.")]
    [InlineData("(www.example.org)", "(|www.example.org|)")]
    [InlineData("Mail jane.doe@example.co.uk, please", "Mail|jane.doe@example.co.uk|,|please")]
    public void Keeps_urls_and_emails_whole(string text, string expected) => Assert.Equal(expected.Split('|'), Tokens(text));

    [Theory]
    [InlineData("\u201CYes,\u201D said he", "\u201C|Yes|,|\u201D|said|he")]
    [InlineData("\"Yes,\" said he", "\"|Yes|,|\"|said|he")]
    [InlineData("fighters - a concern", "fighters|-|a|concern")]
    [InlineData("Wait\u2014what... PARIS \u2022 As", "Wait|\u2014|what|...|PARIS|\u2022|As")]
    [InlineData("Great :) really!!!", "Great|:)|really|!!!")]
    public void Separates_quotes_dashes_and_bullets(string text, string expected) => Assert.Equal(expected.Split('|'), Tokens(text));

    [Fact]
    public void Records_spaces_newlines_and_paragraphs()
    {
        var doc = new Document("One two\nthree\n\nfour");
        new Tokenizer().Process(doc);
        Assert.Equal(TokenFlags.SpaceAfter, doc.TokenAt(0).Flags);
        Assert.Equal(TokenFlags.SpaceAfter | TokenFlags.NewlineAfter, doc.TokenAt(1).Flags);
        Assert.Equal(TokenFlags.SpaceAfter | TokenFlags.NewlineAfter | TokenFlags.ParagraphAfter, doc.TokenAt(2).Flags);
        Assert.Equal(TokenFlags.None, doc.TokenAt(3).Flags);
    }

    [Fact]
    public void Marks_the_host_of_a_contraction_as_inside_a_word()
    {
        var doc = new Document("don't");
        new Tokenizer().Process(doc);
        Assert.Equal(TokenFlags.InsideWord, doc.TokenAt(0).Flags);
        Assert.Equal(TokenFlags.None, doc.TokenAt(1).Flags);
    }

    [Fact]
    public void Normalizes_curly_quotes_for_the_models_but_keeps_offsets()
    {
        var doc = new Document("isn\u2019t \u201Cok\u201D");
        new Tokenizer().Process(doc);
        Assert.Equal("n't", doc[1].NormText.ToString());
        Assert.Equal("n\u2019t", doc[1].ToString());
        Assert.Equal("\"", doc[2].NormText.ToString());
        Assert.Null(doc.TokenAt(3).Norm);
    }

    [Fact]
    public void A_ten_megabyte_line_without_spaces_is_one_pass()
    {
        var text = new string('a', 10_000_000);
        var doc = new Document(text);
        new Tokenizer().Process(doc);
        Assert.Equal(1, doc.TokenCount);
        Assert.Equal(text.Length, doc.TokenAt(0).Length);
    }

    [Fact]
    public void Every_token_lies_inside_the_text_in_order_and_covers_every_non_space_character()
    {
        var random = new Random(42);
        const string alphabet = "ab AB.,'’\"“”-–—$%@:/()\n0123 é•!?";
        for (int round = 0; round < 300; round++)
        {
            var chars = new char[random.Next(1, 80)];
            for (int k = 0; k < chars.Length; k++) chars[k] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            var doc = new Document(text);
            new Tokenizer().Process(doc);
            var covered = new bool[text.Length];
            int previousEnd = 0;
            foreach (var t in doc.Tokens)
            {
                Assert.True(t.Start >= previousEnd && t.Length > 0 && t.End <= text.Length, $"bad token in \"{text}\"");
                for (int k = t.Start; k < t.End; k++) covered[k] = true;
                previousEnd = t.End;
            }
            for (int k = 0; k < text.Length; k++)
                Assert.True(covered[k] || char.IsWhiteSpace(text[k]), $"char {k} of \"{text}\" not in a token");
        }
    }
}
