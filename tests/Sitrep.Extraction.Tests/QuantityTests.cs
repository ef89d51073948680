namespace Sitrep.Extraction.Tests;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("More than 30,000 Iraqi troops are inching towards Mosul.", "More than 30,000", 30000, "more_than", "troop")]
    [InlineData("Mr Carter spoke after a gathering of 13 countries.", "13", 13, "exact", "country")]
    [InlineData("The attacks killed 130 people.", "130", 130, "exact", "person")]
    [InlineData("The allies hope to add a \"couple hundred\" fighters.", "couple hundred", 200, "about", null)]
    [InlineData("As thousands of Iraqi troops encircle the city.", "thousands of", 2000, "at_least", "troop")]
    [InlineData("At least 12 dead were counted.", "At least 12", 12, "at_least", null)]
    [InlineData("Dozens wounded were taken to hospital.", "Dozens", 24, "at_least", null)]
    [InlineData("Some two hundred and fifty families fled.", "Some two hundred and fifty", 250, "about", "family")]
    [InlineData("Between 10 and 20 soldiers died.", "Between 10 and 20", 10, "range", "soldier")]
    [InlineData("Nearly 3.5 million refugees crossed.", "Nearly 3.5 million", 3500000, "at_most", "refugee")]
    [InlineData("Twenty-five US-backed fighters joined.", "Twenty-five", 25, "exact", "fighter")]
    [InlineData("Up to 40 children were missing.", "Up to 40", 40, "at_most", "child")]
    [InlineData("Three former Warsaw Pact nations joined.", "Three", 3, "exact", "nation")]
    public void Cardinals(string sentence, string text, double value, string qualifier, string? unit)
    {
        var doc = Analyze.RunAt(sentence);
        var q = Analyze.Quantity(doc, text);
        Assert.Equal(value, q.Value);
        Assert.Equal(qualifier, q.Qualifier);
        Assert.Equal(unit, q.Unit);
        Assert.Equal(QuantityKind.Cardinal, q.Kind);
        Analyze.AssertOffsets(doc);
    }

    [Theory]
    [InlineData("The fund raised $5 million last year.", "$5 million", 5e6, QuantityKind.Money, "USD")]
    [InlineData("It cost 300 euros.", "300 euros", 300, QuantityKind.Money, "EUR")]
    [InlineData("Turnout fell to 45%.", "45%", 45, QuantityKind.Percent, "percent")]
    [InlineData("Turnout fell 12 percent.", "12 percent", 12, QuantityKind.Percent, "percent")]
    [InlineData("Mosul is three times the size of Raqqa.", "three times", 3, QuantityKind.Multiplier, "size")]
    [InlineData("It was the first anniversary of the attacks.", "first", 1, QuantityKind.Ordinal, "anniversary")]
    [InlineData("He finished 3rd in the race.", "3rd", 3, QuantityKind.Ordinal, null)]
    public void Kinds(string sentence, string text, double value, QuantityKind kind, string? unit)
    {
        var doc = Analyze.RunAt(sentence);
        var q = Analyze.Quantity(doc, text);
        Assert.Equal(value, q.Value);
        Assert.Equal(kind, q.Kind);
        Assert.Equal(unit, q.Unit);
    }

    [Fact]
    public void Numbers_inside_time_expressions_are_not_quantities()
    {
        var doc = Analyze.RunAt("On Nov 13, 2015, three days after the vote, 130 people died.");
        Assert.DoesNotContain(doc.Quantities, q => q.Text is "13" or "2015" or "three");
        Assert.Contains(doc.Quantities, q => q.Text == "130");
    }

    [Fact]
    public void Uses_the_parse_when_a_tagger_has_run()
    {
        var doc = new Document("They found 40 bodies.");
        new Sitrep.Text.Tokenization.Tokenizer().Process(doc);
        new Sitrep.Text.Tokenization.SentenceSplitter().Process(doc);
        // A tagger and lemmatizer would fill these; the finder must prefer them to its own rules.
        doc.TokenAt(2).Pos = Upos.NUM;
        doc.TokenAt(2).Relation = "nummod";
        doc.TokenAt(2).Head = 3;
        doc.TokenAt(3).Pos = Upos.NOUN;
        doc.TokenAt(3).Lemma = "corpse-lemma";
        new Sitrep.Extraction.Quantities.QuantityFinder().Process(doc);
        Assert.Equal("corpse-lemma", Analyze.Quantity(doc, "40").Unit);
    }

    [Theory]
    [InlineData("countries", "country")]
    [InlineData("people", "person")]
    [InlineData("troops", "troop")]
    [InlineData("churches", "church")]
    [InlineData("Americans", "american")]
    [InlineData("buses", "bus")]
    [InlineData("series", "series")]
    [InlineData("crisis", "crisis")]
    [InlineData("Iraqis", "iraqi")]
    public void Lemmatizes_plurals(string word, string lemma) =>
        Assert.Equal(lemma, Sitrep.Extraction.Quantities.QuantityLexicon.English().Lemmatize(word));

    private static Document Tagged(string text, params (int Token, Upos Pos, string Tag, string? Relation)[] tags)
    {
        var doc = new Document(text);
        new Sitrep.Text.Tokenization.Tokenizer().Process(doc);
        new Sitrep.Text.Tokenization.SentenceSplitter().Process(doc);
        foreach (var (token, pos, tag, relation) in tags)
        {
            doc.TokenAt(token).Pos = pos;
            doc.TokenAt(token).Tag = tag;
            doc.TokenAt(token).Relation = relation;
        }
        new Sitrep.Extraction.Quantities.QuantityFinder().Process(doc);
        return doc;
    }

    [Fact]
    public void A_plural_treebank_lemma_is_singularized()
    {
        // EWT lemmatizes some plurals as themselves ("troops"); the unit is still the singular.
        var doc = new Document("They sent 40 troops.");
        new Sitrep.Text.Tokenization.Tokenizer().Process(doc);
        new Sitrep.Text.Tokenization.SentenceSplitter().Process(doc);
        doc.TokenAt(2).Pos = Upos.NUM;
        doc.TokenAt(3).Pos = Upos.NOUN;
        doc.TokenAt(3).Tag = "NNS";
        doc.TokenAt(3).Lemma = "troops";
        new Sitrep.Extraction.Quantities.QuantityFinder().Process(doc);
        Assert.Equal("troop", Analyze.Quantity(doc, "40").Unit);
    }

    [Fact]
    public void A_change_by_a_figure_counts_the_object_noun()
    {
        // They(0) will(1) grow(2) the(3) contingent(4) of(5) fighters(6) by(7) a(8) couple(9) hundred(10) .(11)
        var doc = Tagged("They will grow the contingent of fighters by a couple hundred.",
            (0, Upos.PRON, "PRP", "nsubj"), (1, Upos.AUX, "MD", "aux"), (2, Upos.VERB, "VB", "root"), (3, Upos.DET, "DT", "det"),
            (4, Upos.NOUN, "NN", "obj"), (5, Upos.ADP, "IN", "case"), (6, Upos.NOUN, "NNS", "nmod"), (7, Upos.ADP, "IN", "case"));
        var q = Analyze.Quantity(doc, "a couple hundred");
        Assert.Equal(200, q.Value);
        Assert.Equal("fighter", q.Unit);
    }

    [Fact]
    public void A_change_of_the_subject_has_no_counted_unit()
    {
        // Prices(0) rose(1) by(2) 20(3) .(4)
        var doc = Tagged("Prices rose by 20.", (0, Upos.NOUN, "NNS", "nsubj"), (1, Upos.VERB, "VBD", "root"), (2, Upos.ADP, "IN", "case"));
        Assert.Null(Analyze.Quantity(doc, "20").Unit);
    }
}
