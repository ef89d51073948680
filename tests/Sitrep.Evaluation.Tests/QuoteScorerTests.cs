using Sitrep.Evaluation.Quotes;

namespace Sitrep.Evaluation.Tests;

public sealed class QuoteScorerTests
{
    private const string Text = "\"We are ready,\" said Ana Ruiz. Officials said the road was closed.";

    private static Document Predicted(params Quote[] quotes)
    {
        var doc = new Document(Text);
        doc.Entities.Add(new Entity { Id = "e1", Type = EntityType.PERSON, Name = "Ana Ruiz", Mentions = [new Mention(21, 29, "Ana Ruiz")] });
        doc.Quotes.AddRange(quotes);
        return doc;
    }

    private static Quote Q(string id, QuoteKind kind, int start, int end, string? speaker) =>
        new() { Id = id, Kind = kind, Text = Text[start..end], Start = start, End = end, Speaker = speaker };

    [Fact]
    public void Matches_by_half_overlap_and_kind_and_scores_speakers()
    {
        var gold = new GoldQuoteDocument("d", Text, null,
        [
            new GoldQuote(1, 13, QuoteKind.Direct, 21, 29),
            new GoldQuote(46, 65, QuoteKind.Indirect, null, null),
        ]);
        var doc = Predicted(Q("qt1", QuoteKind.Direct, 1, 13, "e1"), Q("qt2", QuoteKind.Indirect, 42, 65, null), Q("qt3", QuoteKind.Partial, 1, 13, null));
        var counts = new QuoteScorer.Counts();
        new QuoteScorer(_ => doc).ScoreDocument(gold, doc, counts, []);
        Assert.Equal(2, counts.Matched.Sum());
        Assert.Equal(3, counts.Predicted.Sum());
        Assert.Equal(2, counts.SpeakerCorrect);
    }

    [Fact]
    public void Anonymous_gold_speaker_needs_no_predicted_entity()
    {
        var gold = new GoldQuote(46, 65, QuoteKind.Indirect, null, null);
        Assert.True(QuoteScorer.SpeakerCorrect(gold, Q("a", QuoteKind.Indirect, 46, 65, null), Predicted()));
        Assert.False(QuoteScorer.SpeakerCorrect(gold, Q("a", QuoteKind.Indirect, 46, 65, "e1"), Predicted()));
        Assert.False(QuoteScorer.SpeakerCorrect(new GoldQuote(1, 13, QuoteKind.Direct, 21, 29), Q("b", QuoteKind.Direct, 1, 13, null), Predicted()));
    }

    [Fact]
    public void Overlap_is_relative_to_the_longer_span()
    {
        Assert.Equal(0.5, QuoteScorer.Overlap(0, 10, 5, 10));
        Assert.Equal(0, QuoteScorer.Overlap(0, 10, 10, 20));
    }

    [Fact]
    public void Reads_gold_and_reports_bad_lines_with_their_number()
    {
        var good = "{\"id\":\"a\",\"text\":\"He said so.\",\"published\":\"2024-06-18\",\"quotes\":[{\"start\":8,\"end\":10,\"kind\":\"indirect\",\"speakerStart\":0,\"speakerEnd\":2}]}";
        var docs = QuoteGoldReader.Read(new StringReader(good), "g.jsonl");
        Assert.Equal(QuoteKind.Indirect, Assert.Single(Assert.Single(docs).Quotes).Kind);
        var bad = new StringReader(good + "\n{\"id\":\"b\",\"text\":\"x\",\"quotes\":[{\"start\":0,\"end\":5,\"kind\":\"direct\"}]}");
        var e = Assert.Throws<SitrepInputException>(() => QuoteGoldReader.Read(bad, "g.jsonl"));
        Assert.Equal(2, e.LineNumber);
        var broken = Assert.Throws<SitrepInputException>(() => QuoteGoldReader.Read(new StringReader("{not json"), "g.jsonl"));
        Assert.Equal(1, broken.LineNumber);
    }
}
