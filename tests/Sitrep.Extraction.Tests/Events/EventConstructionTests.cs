namespace Sitrep.Extraction.Tests.Events;

/// <summary>Constructions the event coder recovers from imperfect parses and discourse (invented sentences).</summary>
public sealed class EventConstructionTests
{
    private static Event One(Document doc, Func<Event, bool> match, string what)
    {
        var found = doc.Events.FindAll(e => match(e));
        Assert.True(found.Count >= 1, $"expected {what}; got: {EventPipeline.Show(doc)}");
        EventPipeline.AssertOffsets(doc);
        return found[0];
    }

    private static void AssertTrigger(Document doc, Event e, string text)
    {
        Assert.Equal(text, e.Trigger.Text);
        Assert.Equal(text, doc.Text[e.Trigger.Start..e.Trigger.End]);
    }

    [Fact]
    public void Verb_parsed_as_a_modifier_of_its_object_keeps_subject_and_object_apart()
    {
        // The parser reads "Amnesty International accused Myanmar's army" as one noun phrase headed by "army".
        var doc = EventPipeline.Run("Amnesty International accused Myanmar's army of burning villages in Rakhine.");
        var e = One(doc, x => x.Cameo.StartsWith("112", StringComparison.Ordinal), "an accusation");
        Assert.Equal("NGOHRIAMN", e.SourceActor);
        Assert.Equal("MMRMIL", e.TargetActor);
        Assert.Equal(Modality.Asserted, e.Modality);
        AssertTrigger(doc, e, "accused");
    }

    [Fact]
    public void Called_on_is_an_appeal_to_the_phrase_after_it_even_under_a_noun_root()
    {
        var doc = EventPipeline.Run("The EU envoy called on Serbia to release the detained journalists.");
        var e = One(doc, x => x.Cameo.StartsWith("02", StringComparison.Ordinal), "an appeal");
        Assert.Equal("0253", e.Cameo);
        Assert.Equal("IGOEUREEC", e.SourceActor);
        Assert.Equal("SRBGOV", e.TargetActor);
        AssertTrigger(doc, e, "called");
        Assert.DoesNotContain(doc.Events, x => x.Cameo == "041");
    }

    [Fact]
    public void Seat_of_government_stands_for_the_government()
    {
        var doc = EventPipeline.Run("A Kremlin spokesman criticised Poland on Friday.");
        var e = One(doc, x => x.Cameo.StartsWith("11", StringComparison.Ordinal), "a criticism");
        Assert.Equal("RUSGOV", e.SourceActor);
        Assert.Equal("POLGOV", e.TargetActor);
        AssertTrigger(doc, e, "criticised");
    }

    [Fact]
    public void Actor_modifier_of_an_act_is_its_author()
    {
        var doc = EventPipeline.Run("The Peruvian government rejected an opposition proposal for early elections.");
        var e = One(doc, x => x.Cameo.StartsWith("12", StringComparison.Ordinal), "a rejection");
        Assert.Equal("PERGOV", e.SourceActor);
        Assert.Equal("PEROPP", e.TargetActor);
        AssertTrigger(doc, e, "rejected");
    }

    [Fact]
    public void Struck_with_an_actor_object_is_an_attack_on_the_people_a_place_serves_in_Gaza()
    {
        // "strike" is also a labour protest (143, listed first); the attack row is the one whose target is filled.
        var doc = EventPipeline.Run("Russian jets struck a shelter for refugees in Gaza.");
        var e = One(doc, x => x.Cameo.StartsWith("19", StringComparison.Ordinal), "an attack");
        Assert.Equal("195", e.Cameo);
        Assert.Equal("RUSMIL", e.SourceActor);
        Assert.StartsWith("PSE", e.TargetActor);
        AssertTrigger(doc, e, "struck");
        Assert.DoesNotContain(doc.Events, x => x.Cameo == "143");
    }

    [Fact]
    public void Denial_targets_the_alleged_victim_and_negates_the_act()
    {
        var doc = EventPipeline.Run("Pakistan's army denied that its jets had bombed an Afghan village near Khost.");
        var denial = One(doc, x => x.Cameo == "016", "a denial");
        Assert.Equal("PAKMIL", denial.SourceActor);
        Assert.Equal("AFGCVL", denial.TargetActor);
        Assert.Equal(Modality.Asserted, denial.Modality);
        AssertTrigger(doc, denial, "denied");
        Assert.DoesNotContain(doc.Events, x => x.Cameo.StartsWith("19", StringComparison.Ordinal) && x.Modality is Modality.Asserted or Modality.Reported);
    }

    [Fact]
    public void Future_visit_announced_by_the_actors_own_office_is_an_asserted_intent()
    {
        var doc = EventPipeline.Run("Ghana's President will visit Abuja next week, his spokesman said.");
        var visit = One(doc, x => x.Cameo == "042", "the visit");
        Assert.Equal(Modality.Future, visit.Modality);
        var intent = One(doc, x => x.Cameo == "036", "the announced intent to meet");
        Assert.Equal("GHAGOV", intent.SourceActor);
        Assert.Equal("NGA", intent.TargetActor);
        Assert.True(intent.Modality is Modality.Asserted or Modality.Reported, intent.Modality.ToString());
        AssertTrigger(doc, intent, "visit");
    }

    [Theory]
    [InlineData("Serbia threatened to close its border with Hungary to migrants.", "1381", "SRBGOV", "HUNGOV")]
    [InlineData("Algeria threatened to impose sanctions on Morocco's government.", "1312", "DZAGOV", "MARGOV")]
    public void Threat_takes_its_target_from_the_threatened_action(string text, string code, string source, string target)
    {
        var doc = EventPipeline.Run(text);
        var threat = One(doc, x => x.Cameo == code, "the threat");
        Assert.Equal(source, threat.SourceActor);
        Assert.Equal(target, threat.TargetActor);
        Assert.Equal(Modality.Asserted, threat.Modality);
        AssertTrigger(doc, threat, "threatened");
        Assert.DoesNotContain(doc.Events, x => !x.Cameo.StartsWith("13", StringComparison.Ordinal) && x.Modality is Modality.Asserted or Modality.Reported);
    }

    [Fact]
    public void Rejected_invitation_targets_the_party_of_the_talks_it_leads_to()
    {
        var doc = EventPipeline.Run("Chile turned down an invitation to border talks with Bolivia.");
        var e = One(doc, x => x.Cameo.StartsWith("12", StringComparison.Ordinal), "a rejection");
        Assert.Equal("CHLGOV", e.SourceActor);
        Assert.Equal("BOLGOV", e.TargetActor);
        AssertTrigger(doc, e, "turned");
    }
}
