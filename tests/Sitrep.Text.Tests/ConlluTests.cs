using Sitrep.Text.Formats;

namespace Sitrep.Text.Tests;

public sealed class ConlluTests
{
    private const string Sample =
        "# newdoc id = d1\n" +
        "# sent_id = s1\n" +
        "# text = I don't know.\n" +
        "1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n" +
        "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n" +
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n" +
        "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n" +
        "4.1\tknow\t_\t_\t_\t_\t_\t_\t4:conj\t_\n" +
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n" +
        "\n" +
        "# sent_id = s2\n" +
        "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\tSpaceAfter=No\n" +
        "2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t1:punct\t_\n";

    private static List<ConlluSentence> Parse(string text) => [.. Conllu.Read(new StringReader(text), "t.conllu")];

    [Fact]
    public void Reads_words_comments_multiwords_and_skips_empty_nodes()
    {
        var s = Parse(Sample);
        Assert.Equal(2, s.Count);
        Assert.Equal("s1", s[0].SentId);
        Assert.Equal("I don't know.", s[0].Text);
        Assert.Equal(1, s[0].LineNumber);
        Assert.Equal(5, s[0].Words.Count);
        Assert.Equal(new ConlluMultiword(2, 3, "don't", null, true), s[0].Multiwords[0]);
        Assert.Equal("not", s[0].Words[2].Lemma);
        Assert.Equal(Upos.PART, s[0].Words[2].UposTag);
        Assert.Equal("RB", s[0].Words[2].Xpos);
        Assert.Equal(4, s[0].Words[0].Head);
        Assert.Equal("nsubj", s[0].Words[0].Deprel);
        Assert.False(s[0].Words[3].SpaceAfter);
        Assert.True(s[0].Words[0].SpaceAfter);
        Assert.Equal(12, s[1].LineNumber);
        Assert.Null(s[1].Text);
    }

    [Fact]
    public void Builds_document_with_offsets_from_text_and_multiword_sub_offsets()
    {
        var doc = ConlluDocument.FromSentences(Parse(Sample), withGold: true);
        Assert.Equal("I don't know.\nHi!", doc.Text);
        Assert.Equal(7, doc.TokenCount);
        Assert.Equal("do", doc[1].Text.ToString());
        Assert.Equal("n't", doc[2].Text.ToString());
        Assert.Equal(".", doc[4].Text.ToString());
        Assert.Equal(2, doc.Sentences.Count);
        Assert.Equal(new Sentence(14, 17, 5, 7), doc.Sentences[1]);
        Assert.Equal(3, doc[0].Head);
        Assert.Equal(-1, doc[3].Head);
        Assert.Equal(5, doc[6].Head);
        Assert.Equal("root", doc[5].Relation);
    }

    [Fact]
    public void Multiword_whose_words_do_not_concatenate_share_the_span()
    {
        const string t = "1-2\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n1\tde\tde\tADP\t_\t_\t2\tcase\t_\t_\n2\tle\tle\tDET\t_\t_\t0\troot\t_\t_\n";
        var doc = ConlluDocument.FromSentences(Parse(t));
        Assert.Equal("du", doc.Text);
        Assert.Equal(new TextSpan(0, 2), doc[0].Span);
        Assert.Equal(new TextSpan(0, 2), doc[1].Span);
        Assert.Equal("de", doc[0].NormText.ToString());
        Assert.Equal("le", doc[1].NormText.ToString());
    }

    [Fact]
    public void Inconsistent_text_comment_falls_back_to_joined_forms()
    {
        const string t = "# text = something else\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n";
        var doc = ConlluDocument.FromSentences(Parse(t));
        Assert.Equal("Hi!", doc.Text);
    }

    [Theory]
    [InlineData("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\n", 1, "10 tab-separated")]
    [InlineData("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\t!\t!\tPUNCT\t.\t_\tx\tpunct\t_\t_\n", 2, "HEAD")]
    [InlineData("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\t!\t!\tPUNCT\t.\t_\t7\tpunct\t_\t_\n", 2, "out of range")]
    [InlineData("# x\n1\tHi\thi\tINTJ\tUH\t_\t2\tdep\t_\t_\n2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n", 1, "0 roots")]
    [InlineData("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n2\tb\tb\tX\t_\t_\t3\tdep\t_\t_\n3\tc\tc\tX\t_\t_\t2\tdep\t_\t_\n", 2, "cycle")]
    [InlineData("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n3\tb\tb\tX\t_\t_\t1\tdep\t_\t_\n", 2, "out of sequence")]
    [InlineData("\n\n1\ta\ta\tX\t_\t_\t1\troot\t_\t_\n", 3, "own head")]
    public void Malformed_input_reports_file_and_line(string text, int line, string reason)
    {
        var e = Assert.Throws<SitrepInputException>(() => Parse(text));
        Assert.Equal("t.conllu", e.File);
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Sentence_without_heads_is_accepted_without_tree()
    {
        var s = Parse("1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n");
        Assert.False(Assert.Single(s).HasTree);
    }

    [Fact]
    public void Reads_ewt_dev_when_present()
    {
        const string path = "/work/shared/corpora/ud-english-ewt/en_ewt-ud-dev.conllu";
        Assert.SkipUnless(File.Exists(path), "UD English EWT dev not present at " + path);
        var s = Conllu.ReadFile(path);
        Assert.Equal(2001, s.Count);
        int words = 0;
        foreach (var x in s) words += x.Words.Count;
        Assert.Equal(25147, words);
        var doc = ConlluDocument.FromSentences(s);
        Assert.Equal(25147, doc.TokenCount);
    }
}
