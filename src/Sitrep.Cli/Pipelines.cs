using Sitrep.Entities;
using Sitrep.Extraction.Events;
using Sitrep.Extraction.Places;
using Sitrep.Extraction.Quantities;
using Sitrep.Extraction.Quotes;
using Sitrep.Extraction.Time;
using Sitrep.Models;
using Sitrep.Text.Tokenization;

namespace Sitrep.Cli;

/// <summary>The pipelines the commands run, built once per process.</summary>
public static class Pipelines
{
    /// <summary>Everything `sitrep extract` runs, in order; <paramref name="dictionaries"/> is an optional PETRARCH dictionary folder for the actor coder.</summary>
    public static Pipeline Extraction(string? dictionaries = null) => BeforeEvents()
        .Add(new ActorCoder(Actors(dictionaries)))
        .Add(EventCoder.Load(dictionaries))
        .Build();

    /// <summary>The stages `sitrep extract` runs before the actor and event coders (the event benchmark's baseline).</summary>
    public static PipelineBuilder BeforeEvents() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Add(PosTagger.Load(ModelLocator.PosModelPath()))
        .Add(Lemmatizer.Load(ModelLocator.PosModelPath()))
        .Add(DependencyParser.Load(ModelLocator.ParserModelPath()))
        .Add(EntityRecognizer.Load(EntityRecognizer.DefaultPath()))
        .Add(new EntityLinker(EntityLexicon.Load()))
        .Add(Places())
        .Add(new QuoteFinder())
        .Add(new TimeTagger())
        .Add(new QuantityFinder())
        .Add(new CasualtyFinder());

    private static ActorTable Actors(string? dictionaries) => ActorTable.Load(null, dictionaries);

    /// <summary>What `sitrep eval timex` scores: the time tagger after tokenization.</summary>
    public static Pipeline Times() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Add(new TimeTagger())
        .Build();

    /// <summary>The toponym resolver over the shipped gazetteer, loaded once per process.</summary>
    public static PlaceResolver Places() => s_places.Value;

    // A lazily loaded immutable resolver: read-only after creation, so sharing it is safe.
    private static readonly Lazy<PlaceResolver> s_places = new(() => PlaceResolver.Load(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static Pipeline Tokenization() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Build();
}
