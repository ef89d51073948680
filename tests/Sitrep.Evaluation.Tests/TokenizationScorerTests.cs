using Sitrep.Evaluation;
using Sitrep.Evaluation.Tokenization;
using Sitrep.Text.Formats;
using Sitrep.Text.Tokenization;

namespace Sitrep.Evaluation.Tests;

public sealed class TokenizationScorerTests
{
    private const string Gold = """
        # newdoc id = d1
        # newpar id = p1
        # text = I don't know.
        1	I	I	PRON	PRP	_	3	nsubj	_	_
        2-3	don't	_	_	_	_	_	_	_	_
        2	do	do	AUX	VBP	_	3	aux	_	_
        3	n't	not	PART	RB	_	4	advmod	_	_
        4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
        5	.	.	PUNCT	.	_	4	punct	_	_

        # text = Me neither
        1	Me	I	PRON	PRP	_	0	root	_	_
        2	neither	neither	ADV	RB	_	1	advmod	_	_

        """;

    private static Pipeline Pipeline() => new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Build();

    [Fact]
    public void Multiword_tokens_are_scored_as_their_spelled_out_words()
    {
        var sentences = Conllu.Read(new StringReader(Gold), "gold.conllu").ToList();
        var result = new TokenizationScorer(Pipeline()).Score(sentences, "gold.conllu");
        Assert.Equal(7, result.GoldTokens);
        Assert.Equal(7, result.MatchedTokens);
        Assert.Equal(2, result.GoldSentences);
        Assert.Equal(2, result.PredictedSentences);
        Assert.Equal(2, result.MatchedSentences);
    }

    [Fact]
    public void Report_prints_a_table_and_a_json_last_line_with_fractions()
    {
        var report = new MetricReport("t").AddPrf("tokens", 9, 10, 12).AddCount("gold_tokens", 12);
        Assert.Contains("tokens_f1", report.ToTable());
        Assert.Equal("{\"tokens_precision\":0.9,\"tokens_recall\":0.75,\"tokens_f1\":0.8182,\"gold_tokens\":12}", report.ToJson());
    }

    [Fact]
    public void Prf_is_zero_when_nothing_was_predicted() => Assert.Equal(new Prf(0, 0, 0), Prf.From(0, 0, 5));
}
