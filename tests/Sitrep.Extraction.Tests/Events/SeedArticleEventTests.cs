namespace Sitrep.Extraction.Tests.Events;

/// <summary>The targets on the Straits Times article of 27 October 2016 (../shared/samples, read by path; skipped when absent).</summary>
public sealed class SeedArticleEventTests
{
    private static Document Load()
    {
        var root = Analyze.RepoRoot();
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "samples", "straits-times-2016-10-27-mosul-raqqa.txt"));
        if (path is null || !File.Exists(path)) Assert.Skip("the seed article is not in ../shared/samples");
        return EventPipeline.RunFile(path!);
    }

    private static string? Name(Document doc, string? id) => doc.Entities.Find(e => e.Id == id)?.Name;

    [Fact]
    public void Codes_fighting_at_Mosul_between_Iraqi_forces_and_ISIS()
    {
        var doc = Load();
        var fights = doc.Events.FindAll(e => e.Cameo[..2] is "18" or "19" or "20" && e.Modality == Modality.Asserted
            && Name(doc, e.Place) == "Mosul" && (e.SourceActor == "IMGMUSISI" || e.TargetActor == "IMGMUSISI")
            && ((e.SourceActor ?? "").StartsWith("IRQ", StringComparison.Ordinal) || (e.TargetActor ?? "").StartsWith("IRQ", StringComparison.Ordinal)));
        Assert.True(fights.Count > 0, EventPipeline.Show(doc));
        Assert.Contains(fights, e => e.TargetActor == "IRQMIL");
    }

    [Fact]
    public void Codes_Carters_meeting_as_a_consultation_in_France_this_week()
    {
        var doc = Load();
        var meeting = doc.Events.Find(e => e.Trigger.Text == "met");
        Assert.True(meeting is not null, EventPipeline.Show(doc));
        Assert.StartsWith("04", meeting!.Cameo);
        Assert.Equal("CONSULT", meeting.Plover);
        Assert.Equal("USAGOV", meeting.SourceActor);
        Assert.Equal("Ashton Carter", Name(doc, meeting.Source));
        Assert.Contains(Name(doc, meeting.Place), new[] { "France", "Paris" });
        Assert.Equal("2016-W43", meeting.Date);
        Assert.Equal(Modality.Asserted, meeting.Modality);
    }

    [Fact]
    public void Codes_the_Paris_attacks_with_their_date_place_and_death_toll()
    {
        var doc = Load();
        var attack = doc.Events.Find(e => e.Trigger.Text == "attacks");
        Assert.True(attack is not null, EventPipeline.Show(doc));
        Assert.Equal("IMGMUSISI", attack!.SourceActor);
        Assert.Equal("ASSAULT", attack.Plover);
        Assert.Equal("2015-11-13", attack.Date);
        Assert.Equal(130, attack.Fatalities);
        Assert.Equal("Paris", Name(doc, attack.Place));
    }

    [Fact]
    public void Does_not_assert_the_battle_for_Raqqa()
    {
        var doc = Load();
        Assert.DoesNotContain(doc.Events, e => e.Trigger.Text is "battle" or "fight" && e.Modality is Modality.Asserted or Modality.Reported);
        Assert.DoesNotContain(doc.Events, e => e.Modality is Modality.Asserted or Modality.Reported && Name(doc, e.Target) == "Raqqa");
    }

    [Fact]
    public void Every_entity_that_names_an_actor_gets_its_code()
    {
        var doc = Load();
        Assert.Equal("IMGMUSISI", doc.Entities.Find(e => e.Name.Contains("Islamic State", StringComparison.Ordinal))?.Actor);
        Assert.Equal("USAGOV", doc.Entities.Find(e => e.Name == "Ashton Carter")?.Actor);
        Assert.Equal("FRAGOV", doc.Entities.Find(e => e.Name == "Francois Hollande")?.Actor);
        EventPipeline.AssertOffsets(doc);
    }
}
