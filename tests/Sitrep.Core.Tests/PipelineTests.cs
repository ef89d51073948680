namespace Sitrep.Core.Tests;

public sealed class PipelineTests
{
    private sealed class FakeStage(string name, string[] requires, string[] produces) : IStage
    {
        public string Name => name;
        public IReadOnlyList<string> Requires => requires;
        public IReadOnlyList<string> Produces => produces;
        public void Process(Document document) { }
    }

    [Fact]
    public void Build_fails_when_a_requirement_is_not_produced_earlier()
    {
        var builder = new PipelineBuilder()
            .Add(new FakeStage("tagger", [Layers.Tokens], [Layers.Pos]))
            .Add(new FakeStage("tokenizer", [], [Layers.Tokens]));
        var e = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("tagger", e.Message);
    }

    [Fact]
    public void Process_records_each_stage_as_a_layer_in_order()
    {
        var pipeline = new PipelineBuilder()
            .Add(new FakeStage("tokenizer", [], [Layers.Tokens]))
            .Add(new FakeStage("tagger", [Layers.Tokens], [Layers.Pos]))
            .Build();
        var doc = pipeline.Process(new Document("Hello."));
        Assert.Equal(["tokenizer", "tagger"], doc.Layers);
    }

    [Fact]
    public void Process_with_timings_accumulates_per_stage_and_counts_documents()
    {
        var pipeline = new PipelineBuilder()
            .Add(new FakeStage("tokenizer", [], [Layers.Tokens]))
            .Add(new FakeStage("tagger", [Layers.Tokens], [Layers.Pos]))
            .Build();
        var timings = new StageTimings();
        pipeline.Process(new Document("Hello."), timings);
        pipeline.Process(new Document("Hi there."), timings);
        Assert.Equal(2, timings.Documents);
        Assert.Equal(15, timings.Characters);
        Assert.Equal(["tokenizer", "tagger"], timings.Stages.Select(s => s.Stage));
        Assert.All(timings.Stages, s => Assert.True(s.Ticks >= 0));
    }

    private sealed class LoggingStage(string name, List<string> log) : IStage
    {
        public string Name => name;
        public IReadOnlyList<string> Requires => [];
        public IReadOnlyList<string> Produces => [];
        public void Process(Document document) => log.Add(name + ":" + document.Text);
    }

    [Fact]
    public void Processing_a_group_runs_each_stage_over_every_document_before_the_next_stage()
    {
        var log = new List<string>();
        var pipeline = new PipelineBuilder().Add(new LoggingStage("a", log)).Add(new LoggingStage("b", log)).Build();
        var docs = new[] { new Document("x"), new Document("y") };
        var timings = new StageTimings();
        pipeline.Process(docs, timings);
        Assert.Equal(["a:x", "a:y", "b:x", "b:y"], log);
        Assert.All(docs, d => Assert.Equal(["a", "b"], d.Layers));
        Assert.Equal(2, timings.Documents);
        Assert.Equal(["a", "b"], timings.Stages.Select(s => s.Stage));
    }

    [Fact]
    public void AddToken_rejects_offsets_outside_the_text()
    {
        var doc = new Document("abc");
        Assert.Throws<ArgumentOutOfRangeException>(() => doc.AddToken(new TokenData(2, 5, TokenKind.Word, TokenFlags.None)));
    }

    [Fact]
    public void AddToken_in_place_rejects_offsets_outside_the_text()
    {
        var doc = new Document("abc");
        Assert.Throws<ArgumentOutOfRangeException>(() => doc.AddToken(2, 5, TokenKind.Word, TokenFlags.None, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => doc.AddToken(-1, 1, TokenKind.Word, TokenFlags.None, null));
    }

    [Fact]
    public void AddToken_in_place_leaves_no_annotation_of_an_earlier_tokenization()
    {
        var doc = new Document("Iraqi forces");
        doc.AddToken(new TokenData(0, 5, TokenKind.Word, TokenFlags.None) { Tag = "JJ", Lemma = "iraqi", Head = 1, Relation = "amod", Pos = Upos.ADJ });
        doc.ClearTokens();
        doc.AddToken(0, 5, TokenKind.Word, TokenFlags.SpaceAfter, "Iraqi");
        var t = doc.Tokens[0];
        Assert.Equal((0, 5, TokenKind.Word, TokenFlags.SpaceAfter, "Iraqi"), (t.Start, t.Length, t.Kind, t.Flags, t.Norm));
        Assert.Equal((Upos.None, null, null, -1, null), (t.Pos, t.Tag, t.Lemma, t.Head, t.Relation));
    }

    [Fact]
    public void SentenceOfToken_finds_the_sentence_by_binary_search()
    {
        var doc = new Document("A b. C d.");
        for (int i = 0; i < 6; i++) doc.AddToken(new TokenData(i, 1, TokenKind.Word, TokenFlags.None));
        doc.AddSentence(new Sentence(0, 4, 0, 3));
        doc.AddSentence(new Sentence(5, 9, 3, 6));
        Assert.Equal(0, doc.SentenceOfToken(2));
        Assert.Equal(1, doc.SentenceOfToken(3));
        Assert.Equal(-1, doc.SentenceOfToken(7));
    }
}

public sealed class WordShapeTests
{
    [Theory]
    [InlineData("Mosul", "Xxxxx")]
    [InlineData("Washington", "Xxxxx")]
    [InlineData("30,000", "dd,ddd")]
    [InlineData("U.S.", "X.X.")]
    [InlineData("ISIS'", "XXXX'")]
    [InlineData("n't", "x'x")]
    public void Shape_maps_classes_and_cuts_long_runs(string word, string shape) => Assert.Equal(shape, WordShape.Of(word));
}
