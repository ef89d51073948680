namespace Sitrep.Extraction.Tests;

public sealed class CasualtyTests
{
    [Theory]
    [InlineData("The ISIS attacks in Paris that killed 130 people shocked Europe.", "130", CasualtyKind.Killed, "killed", "attacks")]
    [InlineData("A bombing left at least 12 dead in the market.", "at least 12", CasualtyKind.Dead, "dead", "bombing")]
    [InlineData("After the blast, dozens wounded were taken to hospital.", "dozens", CasualtyKind.Wounded, "wounded", "blast")]
    [InlineData("Five soldiers were injured in the ambush.", "Five", CasualtyKind.Wounded, "injured", null)]
    [InlineData("Gunmen kidnapped 30 students on Friday.", "30", CasualtyKind.Kidnapped, "kidnapped", null)]
    [InlineData("Three fishermen are missing after the storm.", "Three", CasualtyKind.Missing, "missing", null)]
    [InlineData("The death toll rose to 50 after the earthquake.", "50", CasualtyKind.Dead, "toll", null)]
    public void Links_counts_to_what_happened(string sentence, string quantity, CasualtyKind kind, string trigger, string? cause)
    {
        var doc = Analyze.RunAt(sentence);
        var q = Analyze.Quantity(doc, quantity);
        var c = Assert.Single(doc.Casualties);
        Assert.Equal(q.Id, c.QuantityId);
        Assert.Equal(kind, c.Kind);
        Assert.Equal(q.Value, c.Count);
        Assert.Equal(trigger, c.Trigger.Text);
        Assert.Equal(cause, c.Event?.Text);
        Analyze.AssertOffsets(doc);
    }

    [Theory]
    [InlineData("The coalition has 13 countries.")]
    [InlineData("The strike destroyed 12 tanks that were killed off by rust.")]
    public void Ignores_counts_of_things_that_are_not_victims(string sentence) =>
        Assert.Empty(Analyze.RunAt(sentence).Casualties);

    [Theory]
    [InlineData("Shelling killed at least seven civilians and wounded 23 others.", "23", "civilian")]
    [InlineData("A tornado killed two people and injured a dozen more.", "a dozen", "person")]
    public void Others_and_more_count_what_the_sentence_counted_before(string sentence, string quantity, string unit)
    {
        var doc = Analyze.RunAt(sentence);
        var q = Analyze.Quantity(doc, quantity);
        Assert.Equal(unit, q.Unit);
        var wounded = Assert.Single(doc.Casualties, c => c.QuantityId == q.Id);
        Assert.Equal(CasualtyKind.Wounded, wounded.Kind);
        Analyze.AssertOffsets(doc);
    }

    [Theory]
    [InlineData("The war has killed tens of thousands of people.", "tens of thousands of", 20000)]
    [InlineData("Tens of people were hurt in the blast.", "Tens of", 20)]
    public void Tens_count_tens(string sentence, string quantity, double value)
    {
        var doc = Analyze.RunAt(sentence);
        Assert.Equal(value, Analyze.Quantity(doc, quantity).Value);
        Assert.Single(doc.Casualties);
        Analyze.AssertOffsets(doc);
    }
}
