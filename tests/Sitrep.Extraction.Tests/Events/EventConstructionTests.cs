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

    [Fact]
    public void Relative_clause_describing_a_parenthetical_subject_is_background()
    {
        var doc = EventPipeline.Run("The Chadian army, which has fought Boko Haram for years, arrested two smugglers near Lake Chad.");
        var e = One(doc, x => x.Cameo == "173", "the arrest");
        Assert.Equal("TCDMIL", e.SourceActor);
        AssertTrigger(doc, e, "arrested");
        Assert.DoesNotContain(doc.Events, x => x.Cameo.StartsWith("19", StringComparison.Ordinal));
    }

    [Fact]
    public void Agentless_passive_of_a_symmetric_act_between_two_parties_is_reciprocal()
    {
        var doc = EventPipeline.Run("A defence pact between Japan and the Philippines was signed in Manila on Monday.");
        var ab = One(doc, x => x.Cameo == "057" && x.SourceActor == "JPNGOV" && x.TargetActor == "PHLGOV", "Japan signs with the Philippines");
        One(doc, x => x.Cameo == "057" && x.SourceActor == "PHLGOV" && x.TargetActor == "JPNGOV", "the Philippines sign with Japan");
        AssertTrigger(doc, ab, "signed");
    }

    [Fact]
    public void Protest_without_a_named_target_is_aimed_at_the_government()
    {
        var doc = EventPipeline.Run("Teachers in Nairobi blocked the main highway into the city.");
        var e = One(doc, x => x.Cameo == "144", "the road block");
        Assert.Equal("KENEDU", e.SourceActor);
        Assert.Equal("KENGOV", e.TargetActor);
        AssertTrigger(doc, e, "blocked");
    }

    [Fact]
    public void Force_put_on_alert_is_aimed_at_the_actor_of_its_cause()
    {
        var doc = EventPipeline.Run("Taiwan put its navy on high alert after China launched missiles near the island.");
        var e = One(doc, x => x.Cameo == "152", "the alert");
        Assert.StartsWith("TWN", e.SourceActor);
        Assert.StartsWith("CHN", e.TargetActor);
        AssertTrigger(doc, e, "put");
    }

    [Fact]
    public void Received_from_makes_the_giver_the_source()
    {
        var doc = EventPipeline.Run("Tunisia received a $500 million loan from Japan on Sunday.");
        var e = One(doc, x => x.Cameo == "071", "the loan");
        Assert.Equal("JPNGOV", e.SourceActor);
        Assert.StartsWith("TUN", e.TargetActor);
        AssertTrigger(doc, e, "received");
    }

    [Theory]
    [InlineData("Finland condemned the Russian annexation of Crimea.", "111", "FINGOV", "RUSGOV", "condemned")]
    [InlineData("Norway welcomed the release of the hostages by Hamas.", "051", "NORGOV", "PSEREB", "welcomed")]
    public void An_act_stands_for_its_author(string text, string code, string source, string target, string trigger)
    {
        var doc = EventPipeline.Run(text);
        var e = One(doc, x => x.Cameo == code, code);
        Assert.Equal(source, e.SourceActor);
        Assert.Equal(target, e.TargetActor);
        AssertTrigger(doc, e, trigger);
    }

    [Fact]
    public void Hostile_act_announced_on_a_condition_is_a_threat()
    {
        var doc = EventPipeline.Run("Algeria said it would cut diplomatic ties with Morocco if the border incidents continued.");
        var e = One(doc, x => x.Cameo == "1313", "the threat");
        Assert.Equal("DZAGOV", e.SourceActor);
        Assert.Equal("MARGOV", e.TargetActor);
        Assert.True(e.Modality is Modality.Asserted or Modality.Reported, e.Modality.ToString());
        AssertTrigger(doc, e, "cut");
        Assert.DoesNotContain(doc.Events, x => x.Cameo == "161" && x.Modality is Modality.Asserted or Modality.Reported);
    }

    [Theory]
    [InlineData("A suicide bomber killed 12 soldiers at a checkpoint near Kandahar.", "1831", "AFG", "AFG", "killed")]
    [InlineData("American jets destroyed two ISIS depots with airstrikes near Raqqa.", "195", "USAMIL", "IMGMUSISI", "destroyed")]
    public void Weapon_of_the_attacker_or_instrument_names_the_attack(string text, string code, string source, string target, string trigger)
    {
        var doc = EventPipeline.Run(text);
        var e = One(doc, x => x.Cameo == code, code);
        Assert.StartsWith(source, e.SourceActor);
        Assert.StartsWith(target, e.TargetActor);
        AssertTrigger(doc, e, trigger);
    }

    [Fact]
    public void Fighting_in_a_place_is_not_fought_back_by_the_place()
    {
        var doc = EventPipeline.Run("Chadian troops fought in Sudan in 2023.");
        Assert.DoesNotContain(doc.Events, x => x.SourceActor is not null && x.SourceActor.StartsWith("SDN", StringComparison.Ordinal));
    }

    [Fact]
    public void Telling_reporters_is_not_an_interaction_with_the_press()
    {
        var doc = EventPipeline.Run("The Chilean Foreign Minister told reporters on Monday that the talks had been useful.");
        Assert.DoesNotContain(doc.Events, x => x.TargetActor is not null && x.TargetActor.EndsWith("MED", StringComparison.Ordinal));
    }

    [Fact]
    public void Aid_workers_of_a_named_nationality_are_its_civilians()
    {
        var doc = EventPipeline.Run("Militants kidnapped three Italian aid workers near Gao last month.");
        var e = One(doc, x => x.Cameo == "181", "the kidnapping");
        Assert.Equal("ITACVL", e.TargetActor);
        AssertTrigger(doc, e, "kidnapped");
    }

    [Theory]
    [InlineData("The Ghanaian President laid a wreath at a memorial for Nigerian soldiers.", "017", "GHAGOV", "NGA", "laid")]
    [InlineData("Hundreds of students marched on the Serbian parliament in Belgrade.", "141", "SRB", "SRB", "marched")]
    [InlineData("Iranian protesters gathered outside the British embassy in Tehran.", "141", "IRNCVL", "GBRGOV", "gathered")]
    [InlineData("The Somali army chief gave al-Shabaab fighters 48 hours to surrender.", "139", "SOMMIL", "SOMREB", "gave")]
    [InlineData("Chile lodged a complaint with the UN over Bolivian troop movements.", "114", "CHLGOV", "BOL", "lodged")]
    [InlineData("The bombing of the hotel was blamed on Hamas by Israeli officials.", "112", "ISRGOV", "PSEREB", "blamed")]
    [InlineData("Egypt suspended its mediation between Ethiopia and Sudan.", "165", "EGYGOV", "ETH", "suspended")]
    [InlineData("Spanish police handed over three suspected traffickers to Moroccan authorities.", "063", "ESPCOP", "MARGOV", "handed")]
    [InlineData("US aircraft struck a Kataib Hezbollah depot near Al-Qaim.", "195", "USAMIL", "IRQREB", "struck")]
    [InlineData("Israel allowed an aid convoy into southern Gaza.", "0863", "ISRGOV", "PSE", "allowed")]
    [InlineData("Russia's naval drills around Japan continued for a third day.", "150", "RUS", "JPN", "drills")]
    [InlineData("Nigeria mobilised 3,000 troops to its border with Cameroon.", "154", "NGAMIL", "CMR", "mobilised")]
    public void Lexicon_covers_common_news_constructions(string text, string code, string source, string target, string trigger)
    {
        var doc = EventPipeline.Run(text);
        var e = One(doc, x => x.Cameo == code, code);
        Assert.StartsWith(source, e.SourceActor);
        Assert.StartsWith(target, e.TargetActor);
        AssertTrigger(doc, e, trigger);
    }

    [Fact]
    public void Stated_readiness_to_meet_is_an_intent_and_the_meeting_is_future()
    {
        // The speaker is not an entity: "we" is the subject of the quote's cue verb.
        var doc = EventPipeline.Run("\"We are ready to sit down with Baku at any time,\" an Armenian government spokesman said.");
        var e = One(doc, x => x.Cameo == "036", "the intent to meet");
        Assert.Equal("ARMGOV", e.SourceActor);
        Assert.Equal("AZEGOV", e.TargetActor);
        Assert.True(e.Modality is Modality.Asserted or Modality.Reported, e.Modality.ToString());
        AssertTrigger(doc, e, "sit");
        Assert.DoesNotContain(doc.Events, x => x.Cameo == "040" && x.Modality is Modality.Asserted or Modality.Reported);
    }

    [Fact]
    public void Received_guest_has_visited_the_host()
    {
        var doc = EventPipeline.Run("The Nigerian President was received in Accra by the Ghanaian Vice President.");
        One(doc, x => x.Cameo == "043" && x.SourceActor == "GHAGOV" && x.TargetActor == "NGAGOV", "the hosting");
        var visit = One(doc, x => x.Cameo == "042", "the visit");
        Assert.Equal("NGAGOV", visit.SourceActor);
        Assert.StartsWith("GHA", visit.TargetActor);
        AssertTrigger(doc, visit, "received");
    }

    [Fact]
    public void Agentless_arrest_noun_is_the_arrested_persons_state()
    {
        var doc = EventPipeline.Run("France condemned the arrest of a Belarusian opposition activist.");
        var e = One(doc, x => x.Cameo == "173", "the arrest");
        Assert.Equal("BLRGOV", e.SourceActor);
        Assert.StartsWith("BLR", e.TargetActor);
        AssertTrigger(doc, e, "arrest");
    }

    [Fact]
    public void Suspended_mediation_is_not_asserted_mediation()
    {
        var doc = EventPipeline.Run("Egypt suspended its mediation between Ethiopia and Sudan.");
        One(doc, x => x.Cameo == "165" && x.TargetActor == "SDNGOV", "the suspension towards Sudan");
        Assert.DoesNotContain(doc.Events, x => x.Cameo == "045" && x.Modality is Modality.Asserted or Modality.Reported);
    }

    [Fact]
    public void Reduced_relative_misparsed_as_a_clause_does_not_take_the_main_subject()
    {
        var doc = EventPipeline.Run("The Ugandan President laid a wreath at a memorial for Somali soldiers killed fighting insurgents.");
        var e = One(doc, x => x.Cameo == "017", "the wreath");
        Assert.Equal("UGAGOV", e.SourceActor);
        Assert.Equal("SOMMIL", e.TargetActor);
        Assert.DoesNotContain(doc.Events, x => x.Cameo.StartsWith("19", StringComparison.Ordinal) && x.SourceActor == "UGAGOV");
    }
}
