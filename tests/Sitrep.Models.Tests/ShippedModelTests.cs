using Sitrep.Learning;

namespace Sitrep.Models.Tests;

/// <summary>The models shipped in data/models load quickly and annotate a plain sentence sensibly.</summary>
public sealed class ShippedModelTests
{
    private static Document Sentence(string text)
    {
        var doc = new Document(text);
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            bool end = i == text.Length || text[i] == ' ' || (text[i] == '.' && i == text.Length - 1);
            if (!end) continue;
            if (i > start) doc.AddToken(new TokenData(start, i - start, TokenKind.Word, i < text.Length && text[i] == ' ' ? TokenFlags.SpaceAfter : TokenFlags.None));
            if (i < text.Length && text[i] == '.') doc.AddToken(new TokenData(i, 1, TokenKind.Punctuation, TokenFlags.None));
            start = i + 1;
        }
        doc.AddSentence(new Sentence(0, text.Length, 0, doc.TokenCount));
        return doc;
    }

    [Fact]
    public void Shipped_models_load_and_parse_a_simple_sentence()
    {
        string dir = ModelLocator.ResolveDirectory();
        var tagger = PosTagger.Load(Path.Combine(dir, ModelLocator.PosModelFile));
        var lemmatizer = Lemmatizer.Load(Path.Combine(dir, ModelLocator.PosModelFile));
        var parser = DependencyParser.Load(Path.Combine(dir, ModelLocator.ParserModelFile));
        // Load time is measured by ModelLoadBenchmarks in bench/, never by a timed unit test.

        var doc = Sentence("The army encircled the city.");
        Assert.Equal(6, doc.TokenCount);
        tagger.Process(doc);
        lemmatizer.Process(doc);
        parser.Process(doc);

        Assert.Equal(Upos.DET, doc[0].Pos);
        Assert.Equal(Upos.NOUN, doc[1].Pos);
        Assert.Equal(Upos.VERB, doc[2].Pos);
        Assert.Equal("VBD", doc[2].Tag);
        Assert.Equal(Upos.PUNCT, doc[5].Pos);
        Assert.Equal("the", doc[0].Lemma);
        Assert.Equal("encircle", doc[2].Lemma);
        Assert.Equal("city", doc[4].Lemma);

        Assert.Equal(-1, doc[2].Head);
        Assert.Equal("root", doc[2].Relation);
        Assert.Equal(2, doc[1].Head);
        Assert.Equal("nsubj", doc[1].Relation);
        Assert.Equal(2, doc[4].Head);
        Assert.Equal("obj", doc[4].Relation);
        Assert.Equal(1, doc[0].Head);
        Assert.Equal("det", doc[0].Relation);
        Assert.Equal(2, doc[5].Head);
        Assert.Equal("punct", doc[5].Relation);
    }

    [Theory]
    [InlineData("closest", Upos.ADJ, "close")]        // e-restoration after the suffix rule
    [InlineData("smelled", Upos.VERB, "smell")]       // the rule whose output is a known lemma wins
    [InlineData("1,100", Upos.NUM, "1100")]           // EWT number lemmas drop thousands commas
    [InlineData("3200", Upos.NUM, "3200")]
    [InlineData("3,40", Upos.NUM, "3,40")]            // not a thousands grouping: left alone
    public void Lemmatizer_prefers_real_words_and_normalizes_grouped_numbers(string form, Upos upos, string lemma)
    {
        var lemmatizer = Lemmatizer.Load(ModelLocator.PosModelPath());
        Assert.Equal(lemma, lemmatizer.Lemmatize(form, upos));
    }

    [Fact]
    public void Passive_subjects_agree_with_their_auxiliary()
    {
        var tagger = PosTagger.Load(ModelLocator.PosModelPath());
        var parser = DependencyParser.Load(ModelLocator.ParserModelPath());
        var doc = Sentence("The city was encircled by the army.");
        tagger.Process(doc);
        parser.Process(doc);
        Assert.Equal(3, doc[1].Head);
        Assert.Equal("nsubj:pass", doc[1].Relation);
        Assert.Equal("aux:pass", doc[2].Relation);
        Assert.Equal("obl", doc[6].Relation.AsSpan(0, 3).ToString());
    }

    [Fact]
    public void Model_headers_carry_license_and_dev_scores()
    {
        var tagger = PosTagger.Load(ModelLocator.PosModelPath());
        Assert.NotNull(tagger.Header);
        Assert.Contains("CC BY-SA 4.0", tagger.Header!.License);
        Assert.Contains(tagger.Header.Scores, s => s.Key == "upos" && s.Value > 0.9);
        var parser = DependencyParser.Load(ModelLocator.ParserModelPath());
        Assert.Contains(parser.Header!.Scores, s => s.Key == "uas" && s.Value > 0.8);
    }

    [Fact]
    public void Truncated_or_corrupt_shipped_model_is_rejected_naming_the_file()
    {
        var bytes = File.ReadAllBytes(ModelLocator.PosModelPath());
        string path = Path.Combine(Path.GetTempPath(), $"sitrep-broken-{Guid.NewGuid():N}.sitrep-model");
        try
        {
            File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
            var e = Assert.Throws<SitrepInputException>(() => PosTagger.Load(path));
            Assert.Equal(path, e.File);

            var flipped = (byte[])bytes.Clone();
            flipped[flipped.Length / 3] ^= 0x10;
            File.WriteAllBytes(path, flipped);
            e = Assert.Throws<SitrepInputException>(() => Lemmatizer.Load(path));
            Assert.Contains("checksum", e.Reason);

            // A POS model is not a parser model.
            e = Assert.Throws<SitrepInputException>(() => DependencyParser.Load(ModelLocator.PosModelPath()));
            Assert.Contains("expected 'parser'", e.Reason);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Model_locator_prefers_explicit_directory_and_rejects_missing_ones()
    {
        string tmp = Path.GetTempPath();
        Assert.Equal(Path.GetFullPath(tmp), ModelLocator.ResolveDirectory(tmp));
        Assert.Throws<SitrepInputException>(() => ModelLocator.ResolveDirectory("/nonexistent/models"));
        Assert.EndsWith(Path.Combine("data", "models"), ModelLocator.ResolveDirectory());
    }

    [Fact]
    public void Stages_declare_their_layers_so_a_pipeline_builds_in_order()
    {
        var tagger = PosTagger.Load(ModelLocator.PosModelPath());
        var lemmatizer = Lemmatizer.Load(ModelLocator.PosModelPath());
        Assert.Contains(Layers.Pos, tagger.Produces);
        Assert.Contains(Layers.Pos, lemmatizer.Requires);
        Assert.Throws<InvalidOperationException>(() => new PipelineBuilder().Add(lemmatizer).Build());
    }
}
