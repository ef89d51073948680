using Sitrep.Extraction.Events;

namespace Sitrep.Extraction.Tests.Events;

public sealed class EventCoderTests
{
    private static Event Single(Document doc, string code)
    {
        var found = doc.Events.FindAll(e => e.Cameo == code);
        Assert.True(found.Count == 1, $"expected one {code} event; got: {EventPipeline.Show(doc)}");
        return found[0];
    }

    [Fact]
    public void Passive_by_phrase_is_the_source()
    {
        var doc = EventPipeline.Run("Three Iranian oil tankers were seized by the US Navy in the Gulf of Oman.");
        var e = Single(doc, "1711");
        Assert.Equal("USAMIL", e.SourceActor);
        Assert.Equal("IRNBUS", e.TargetActor);
        Assert.Equal("COERCE", e.Plover);
        EventPipeline.AssertOffsets(doc);
    }

    [Fact]
    public void Threatened_action_is_hypothetical_and_the_threat_is_asserted()
    {
        var doc = EventPipeline.Run("North Korea threatened to strike US aircraft carriers if they entered its waters.");
        var threat = Single(doc, "1384");
        Assert.Equal(Modality.Asserted, threat.Modality);
        Assert.Equal("PRKGOV", threat.SourceActor);
        Assert.Equal("USAMIL", threat.TargetActor);
        Assert.DoesNotContain(doc.Events, e => e.Cameo.StartsWith("19", StringComparison.Ordinal) && e.Modality == Modality.Asserted);
    }

    [Fact]
    public void Negated_and_modal_events_are_not_asserted()
    {
        var doc = EventPipeline.Run("The Serbian army did not attack Kosovo police. Russia could strike Kyiv next month.");
        Assert.All(doc.Events.FindAll(e => e.Cameo.StartsWith("19", StringComparison.Ordinal)), e => Assert.NotEqual(Modality.Asserted, e.Modality));
        Assert.Contains(doc.Events, e => e.Negated && e.Modality == Modality.Negated);
    }

    [Fact]
    public void Coordinated_nationalities_meet_each_other()
    {
        var doc = EventPipeline.Run("The Indian and Chinese foreign ministers met in New Delhi on Monday.");
        Assert.Contains(doc.Events, e => e.SourceActor == "INDGOV" && e.TargetActor == "CHNGOV" && e.Cameo == "040");
        Assert.Contains(doc.Events, e => e.SourceActor == "CHNGOV" && e.TargetActor == "INDGOV" && e.Cameo == "040");
    }

    [Fact]
    public void Events_inside_a_quote_are_reported_with_the_quote_id()
    {
        var doc = EventPipeline.Run("\"Israeli troops attacked our village,\" a Lebanese official said.");
        var e = doc.Events.Find(x => x.Cameo.StartsWith("19", StringComparison.Ordinal));
        Assert.True(e is not null, EventPipeline.Show(doc));
        Assert.Equal(Modality.Reported, e!.Modality);
        Assert.NotNull(e.Quote);
        Assert.Contains(doc.Quotes, q => q.Id == e.Quote);
    }

    [Fact]
    public void Repeated_mentions_of_one_event_are_merged()
    {
        var doc = EventPipeline.Run("Russian forces shelled Kyiv on Monday. Russian forces also shelled Kyiv's suburbs on Monday.");
        var shelling = doc.Events.FindAll(e => e.SourceActor == "RUSMIL" && e.Cameo.StartsWith("19", StringComparison.Ordinal));
        Assert.True(shelling.Count == 1, EventPipeline.Show(doc));
        Assert.Equal(2, shelling[0].Mentions.Count);
        EventPipeline.AssertOffsets(doc);
    }

    [Fact]
    public void Dedup_key_uses_root_day_and_place()
    {
        var a = new Event { Id = "ev1", Cameo = "193", SourceActor = "RUSMIL", TargetActor = "UKR", Date = "2024-05-02", Place = "e1", Trigger = new(0, 1, "x") };
        var b = a with { Id = "ev2", Cameo = "190" };
        Assert.Equal(EventDedupKey.Of(a), EventDedupKey.Of(b));
        Assert.NotEqual(EventDedupKey.Of(a, DedupLevel.Code), EventDedupKey.Of(b, DedupLevel.Code));
        Assert.NotEqual(EventDedupKey.Of(a), EventDedupKey.Of(a with { Place = "e2" }));
        Assert.Equal(EventDedupKey.Of(a, byPlace: false), EventDedupKey.Of(a with { Place = "e2" }, byPlace: false));
    }

    [Fact]
    public void The_event_takes_the_date_of_its_own_clause_not_of_the_report()
    {
        // Published Tuesday 2023-05-09: the attack was on Monday night; "said on Tuesday" dates the statement.
        var doc = EventPipeline.Run("Islamic State militants attacked an Iraqi army checkpoint west of Mosul on Monday night, killing four soldiers, the Iraqi Defence Ministry said on Tuesday.", "2023-05-09");
        var attack = doc.Events.Find(e => e.Cameo.StartsWith("19", StringComparison.Ordinal));
        Assert.True(attack is not null, EventPipeline.Show(doc));
        Assert.Equal("2023-05-08", attack!.Date);
        EventPipeline.AssertOffsets(doc);
    }

    [Fact]
    public void A_paragraph_keeps_the_place_an_earlier_sentence_set()
    {
        var doc = EventPipeline.Run("KYIV (Reuters) - Shelling resumed.\n\nMeanwhile, in Georgia, thousands of protesters rallied in Tbilisi. Police detained 41 people, the interior ministry said.");
        var e = Single(doc, "173");
        Assert.Equal("GEOCOP", e.SourceActor);
        Assert.Equal("Tbilisi", doc.Entities.Find(x => x.Id == e.Place)?.Name);
        EventPipeline.AssertOffsets(doc);
    }

    [Fact]
    public void A_meeting_called_for_a_day_is_no_appeal()
    {
        var doc = EventPipeline.Run("Lebanese Prime Minister Najib Mikati called an emergency cabinet meeting for Friday.");
        Assert.DoesNotContain(doc.Events, e => e.Cameo.StartsWith("02", StringComparison.Ordinal));
    }
}
