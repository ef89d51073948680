using Sitrep.Extraction.Quantities;
using Sitrep.Extraction.Time;
using Sitrep.Text.Tokenization;

namespace Sitrep.Extraction.Tests;

/// <summary>The extraction pipeline the tests run: tokenizer, sentence splitter, time tagger, quantities, casualties.</summary>
internal static class Analyze
{
    private static readonly Pipeline Pipeline = new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Add(new TimeTagger())
        .Add(new QuantityFinder())
        .Add(new CasualtyFinder())
        .Build();

    /// <summary>Thursday 27 October 2016, the seed article's publication date.</summary>
    public static readonly DateTimeOffset Dct = new(2016, 10, 27, 0, 0, 0, TimeSpan.Zero);

    public static Document Run(string text, DateTimeOffset? published = null) =>
        Pipeline.Process(new Document(text, new DocumentMetadata { Published = published }));

    public static Document RunAt(string text) => Run(text, Dct);

    public static TimeExpression Time(Document doc, string text)
    {
        var found = doc.Times.Find(t => t.Text == text);
        Assert.True(found is not null, $"no time expression \"{text}\"; found: {string.Join(" | ", doc.Times.Select(t => $"{t.Text}={t.Value}"))}");
        return found!;
    }

    public static Quantity Quantity(Document doc, string text)
    {
        var found = doc.Quantities.Find(q => q.Text == text);
        Assert.True(found is not null, $"no quantity \"{text}\"; found: {string.Join(" | ", doc.Quantities.Select(q => $"{q.Text}={q.Value} {q.Unit}"))}");
        return found!;
    }

    /// <summary>Every annotation's offsets lie inside the text and its text is the text between them.</summary>
    public static void AssertOffsets(Document doc)
    {
        foreach (var t in doc.Times)
        {
            Assert.InRange(t.Start, 0, doc.Text.Length);
            Assert.InRange(t.End, t.Start + 1, doc.Text.Length);
            Assert.Equal(doc.Text[t.Start..t.End], t.Text);
        }
        foreach (var q in doc.Quantities)
        {
            Assert.InRange(q.End, q.Start + 1, doc.Text.Length);
            Assert.Equal(doc.Text[q.Start..q.End], q.Text);
        }
        foreach (var c in doc.Casualties)
        {
            Assert.Equal(doc.Text[c.Trigger.Start..c.Trigger.End], c.Trigger.Text);
            Assert.Contains(doc.Quantities, q => q.Id == c.QuantityId);
        }
    }

    public static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx"))) return dir.FullName;
        return null;
    }
}
