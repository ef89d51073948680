using Sitrep.Evaluation;
using Sitrep.Evaluation.Scoring;
using Sitrep.Text.Formats;

namespace Sitrep.Evaluation.Tests;

public sealed class ScorerTests
{
    private const string Gold =
        "1\tDogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n" +
        "2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n" +
        "3\tloudly\tloudly\tADV\tRB\t_\t2\tadvmod\t_\tSpaceAfter=No\n" +
        "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";

    private static List<ConlluSentence> Sentences() => [.. Conllu.Read(new StringReader(Gold), "g.conllu")];

    [Fact]
    public void Perfect_prediction_scores_one()
    {
        var s = Sentences();
        var doc = ConlluDocument.FromSentences(s, withGold: true);
        var t = TaggingScorer.Score(s, doc);
        var d = DependencyScorer.Score(s, doc);
        Assert.Equal((4, 1.0, 1.0, 1.0), (t.Words, t.Upos, t.Xpos, t.Lemma));
        Assert.Equal((1.0, 1.0, 1.0), (d.Uas, d.Las, d.LasUniversal));
    }

    [Fact]
    public void Counts_each_error_once_per_metric()
    {
        var s = Sentences();
        var doc = ConlluDocument.FromSentences(s, withGold: true);
        doc.TokenAt(0).Pos = Upos.PROPN;        // upos wrong, xpos right
        doc.TokenAt(2).Lemma = "loud";          // lemma wrong
        doc.TokenAt(2).Head = 0;                // attachment wrong
        doc.TokenAt(3).Relation = "punct:x";    // subtype wrong: LAS wrong, universal LAS right
        var t = TaggingScorer.Score(s, doc);
        var d = DependencyScorer.Score(s, doc);
        Assert.Equal(0.75, t.Upos);
        Assert.Equal(1.0, t.Xpos);
        Assert.Equal(0.75, t.Lemma);
        Assert.Equal(0.75, d.Uas);
        Assert.Equal(0.5, d.Las);
        Assert.Equal(0.75, d.LasUniversal);
    }

    [Fact]
    public void Token_count_mismatch_is_an_error()
    {
        var s = Sentences();
        var doc = new Document("Dogs");
        doc.AddToken(new TokenData(0, 4, TokenKind.Word, TokenFlags.None));
        Assert.Throws<ArgumentException>(() => TaggingScorer.Score(s, doc));
    }

    [Fact]
    public void Json_is_one_line_with_lower_case_keys_and_fractions()
    {
        var json = EvaluationFormat.Json([("UPOS", 0.9512345678), ("las", 1.0)]);
        Assert.Equal("{\"upos\":0.951235,\"las\":1}", json);
        Assert.Contains("95.12", EvaluationFormat.Table([("upos", 0.9512345678)]));
    }
}
