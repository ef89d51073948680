using Sitrep.Entities;
using Sitrep.Extraction.Events;
using Sitrep.Extraction.Places;
using Sitrep.Extraction.Quantities;
using Sitrep.Extraction.Quotes;
using Sitrep.Extraction.Time;
using Sitrep.Ingest;
using Sitrep.Models;
using Sitrep.Text.Tokenization;

namespace Sitrep.Extraction.Tests.Events;

/// <summary>The whole extraction pipeline with the shipped models, ending in the actor and event coders; built once.</summary>
internal static class EventPipeline
{
    private static readonly Lazy<Pipeline> s_pipeline = new(() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Add(PosTagger.Load(ModelLocator.PosModelPath()))
        .Add(Lemmatizer.Load(ModelLocator.PosModelPath()))
        .Add(DependencyParser.Load(ModelLocator.ParserModelPath()))
        .Add(EntityRecognizer.Load(EntityRecognizer.DefaultPath()))
        .Add(new EntityLinker(EntityLexicon.Load()))
        .Add(PlaceResolver.Load())
        .Add(new QuoteFinder())
        .Add(new TimeTagger())
        .Add(new QuantityFinder())
        .Add(new CasualtyFinder())
        .Add(new ActorCoder(ActorTable.Load()))
        .Add(EventCoder.Load())
        .Build());

    public static Document Run(string text, string published = "2024-05-02") =>
        s_pipeline.Value.Process(new Document(text, new DocumentMetadata { Published = DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture) }));

    public static Document RunFile(string path)
    {
        var result = new ArticleReader().ReadFile(path)[0];
        return s_pipeline.Value.Process(result.Document!);
    }

    public static string Show(Document doc) =>
        string.Join(" | ", doc.Events.Select(e => $"{e.SourceActor} {e.Cameo} {e.TargetActor} '{e.Trigger.Text}' {e.Modality}"));

    /// <summary>Every event's trigger and mentions are spans of the text.</summary>
    public static void AssertOffsets(Document doc)
    {
        foreach (var e in doc.Events)
        {
            Assert.Equal(doc.Text[e.Trigger.Start..e.Trigger.End], e.Trigger.Text);
            foreach (var m in e.Mentions) Assert.Equal(doc.Text[m.Start..m.End], m.Text);
            Assert.InRange(e.Sentence, 0, doc.Sentences.Count - 1);
            var s = doc.Sentences[e.Sentence];
            Assert.InRange(e.Trigger.Start, s.Start, s.End);
        }
    }
}
