using Sitrep.Evaluation.Ner;
using Sitrep.Models;

namespace Sitrep.Evaluation.Tests;

public sealed class NerScorerTests
{
    /// <summary>A stage that tags every capitalized word as a one-word entity of a fixed type.</summary>
    private sealed class CapitalizedAs(EntityType type) : IStage
    {
        public string Name => "caps";
        public IReadOnlyList<string> Requires => [];
        public IReadOnlyList<string> Produces => [];
        public void Process(Document document)
        {
            foreach (var t in document.Tokens)
                if (char.IsUpper(document.Text[t.Start]))
                    document.Entities.Add(new Entity { Id = "x", Type = type, Name = "", Mentions = [new Mention(t.Start, t.End, document.Text.Substring(t.Start, t.Length))] });
        }
    }

    private static NerSentence S(string words, string tags) => new(words.Split(' '), tags.Split(' '), 1, true);

    [Fact]
    public void Scores_exact_spans_like_seqeval()
    {
        var gold = new List<NerSentence> { S("Paris is in France", "B-LOC O O B-LOC"), S("New York", "B-LOC I-LOC") };
        var result = new NerScorer([new CapitalizedAs(EntityType.LOC)]).Score(gold);
        Assert.Equal(3, result.Counts.Gold);
        Assert.Equal(4, result.Counts.Predicted);
        Assert.Equal(2, result.Counts.TruePositives);
    }

    [Fact]
    public void Maps_GPE_to_LOC_and_ignores_NORP()
    {
        var gold = new List<NerSentence> { S("Paris", "B-LOC") };
        Assert.Equal(1, new NerScorer([new CapitalizedAs(EntityType.GPE)]).Score(gold).Counts.TruePositives);
        Assert.Equal(0, new NerScorer([new CapitalizedAs(EntityType.NORP)]).Score(gold).Counts.Predicted);
    }

    [Fact]
    public void Malformed_iob2_reports_file_and_line()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "1\tParis\tB-LOC\n2\tis\tX-Y\n");
        var e = Assert.Throws<SitrepInputException>(() => NerCorpus.ReadTagged(path, NerFileFormat.Iob2));
        Assert.Equal(2, e.LineNumber);
        File.Delete(path);
    }
}
