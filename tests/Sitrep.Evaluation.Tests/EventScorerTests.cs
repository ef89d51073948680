using Sitrep.Evaluation.Events;

namespace Sitrep.Evaluation.Tests;

public sealed class EventScorerTests
{
    private static GoldEventDocument Doc(string id, CodedEvent[] gold, CodedEvent[]? non = null) =>
        new(id, "text", null, gold, non ?? []);

    private static EventScores Score(IEnumerable<GoldEventDocument> docs, Dictionary<string, CodedEvent[]> system) =>
        new EventScorer(d => system.GetValueOrDefault(d.Id) ?? []).Score(docs);

    [Fact]
    public void Root_match_needs_both_country_keys_and_the_root()
    {
        var docs = new[] { Doc("a", [new("IRQMIL", "IMGMUSISI", "190", "ASSAULT")]) };
        var s = Score(docs, new() { ["a"] = [new("IRQGOV", "IMGMUSISI", "193", "ASSAULT")] });
        Assert.Equal(1, s.Root.F1);
        Assert.Equal(0, s.Code.F1);
        Assert.Equal(1, s.PloverPrf.F1);
        Assert.Equal(0, s.ActorAccuracy); // IRQGOV is not IRQMIL
        Assert.Equal(1, s.PloverAccuracy);
    }

    [Fact]
    public void Group_codes_are_compared_whole_and_states_by_country()
    {
        Assert.Equal("IGOUNO", EventScorer.CountryKey("IGOUNO"));
        Assert.Equal("USA", EventScorer.CountryKey("USAGOV"));
        var docs = new[] { Doc("a", [new("IGOUNO", "SYR", "073", "AID")]) };
        var s = Score(docs, new() { ["a"] = [new("IGOWSTNAT", "SYRGOV", "073", "AID")] });
        Assert.Equal(0, s.RootMatched);
    }

    [Fact]
    public void Predictions_on_sentences_without_gold_are_false_positives_and_duplicates_collapse()
    {
        var docs = new[] { Doc("a", [new("USAGOV", "FRAGOV", "040", "CONSULT")]), Doc("b", []) };
        var s = Score(docs, new()
        {
            ["a"] = [new("USAGOV", "FRAGOV", "040", "CONSULT"), new("USAGOV", "FRAGOV", "040", "CONSULT")],
            ["b"] = [new("RUSMIL", "UKR", "195", "ASSAULT")],
        });
        Assert.Equal(2, s.Predicted);
        Assert.Equal(0.5, s.Root.Precision);
        Assert.Equal(1, s.Root.Recall);
    }

    [Fact]
    public void Only_asserted_and_reported_predictions_count_and_asserted_hypotheticals_are_flagged()
    {
        var docs = new[] { Doc("a", [new("PRKGOV", "USAMIL", "1384", "THREATEN")], [new("PRKMIL", "USAMIL", "195", "ASSAULT", "hypothetical")]) };
        var good = Score(docs, new() { ["a"] = [new("PRKGOV", "USAMIL", "1384", "THREATEN"), new("PRKMIL", "USAMIL", "195", "ASSAULT", "hypothetical")] });
        Assert.Equal(1, good.Root.F1);
        Assert.Equal(0, good.NonAssertedAsAsserted);
        Assert.Equal(1, good.NonAssertedLabelled);
        var bad = Score(docs, new() { ["a"] = [new("PRKGOV", "USAMIL", "1384", "THREATEN"), new("PRKMIL", "USAMIL", "195", "ASSAULT", "asserted")] });
        Assert.Equal(1, bad.NonAssertedAsAsserted);
        Assert.Equal(0.5, bad.Root.Precision);
    }

    [Fact]
    public void Plover_f1_ignores_events_without_a_plover_type()
    {
        var docs = new[] { Doc("a", [new("IRNGOV", "USAGOV", "010", null), new("IRNGOV", "USAGOV", "111", "ACCUSE")]) };
        var s = Score(docs, new() { ["a"] = [new("IRNGOV", "USAGOV", "112", "ACCUSE")] });
        Assert.Equal(1, s.PloverGold);
        Assert.Equal(1, s.PloverPrf.F1);
        Assert.Equal(0, s.CodeMatched);
        Assert.Equal(1, s.RootMatched);
    }

    [Fact]
    public void Reader_rejects_a_record_without_events_array_with_its_line()
    {
        var e = Assert.Throws<SitrepInputException>(() => EventGoldReader.Read(new StringReader("{\"id\":\"x\",\"text\":\"t\",\"events\":[]}\n{\"id\":\"y\",\"text\":\"t\"}"), "gold.jsonl"));
        Assert.Equal(2, e.LineNumber);
        var docs = EventGoldReader.Read(new StringReader("{\"id\":\"x\",\"text\":\"t\",\"published\":\"2024-05-02\",\"events\":[{\"source\":\"A\",\"target\":\"B\",\"cameo\":\"190\",\"plover\":null}],\"nonAsserted\":[{\"source\":\"A\",\"target\":\"B\",\"cameo\":\"195\",\"plover\":\"ASSAULT\",\"modality\":\"future\"}]}"), "g");
        Assert.Equal("future", docs[0].NonAsserted[0].Modality);
        Assert.Null(docs[0].Events[0].Plover);
    }
}
