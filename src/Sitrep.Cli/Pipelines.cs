using Sitrep.Entities;
using Sitrep.Extraction.Quantities;
using Sitrep.Extraction.Time;
using Sitrep.Models;
using Sitrep.Text.Tokenization;

namespace Sitrep.Cli;

/// <summary>The pipelines the commands run, built once per process.</summary>
public static class Pipelines
{
    /// <summary>Everything `sitrep extract` runs, in order.</summary>
    public static Pipeline Extraction() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Add(PosTagger.Load(ModelLocator.PosModelPath()))
        .Add(DependencyParser.Load(ModelLocator.ParserModelPath()))
        .Add(EntityRecognizer.Load(EntityRecognizer.DefaultPath()))
        .Add(new EntityLinker(EntityLexicon.Load()))
        .Add(new TimeTagger())
        .Add(new QuantityFinder())
        .Add(new CasualtyFinder())
        .Build();

    /// <summary>What `sitrep eval timex` scores: the time tagger after tokenization.</summary>
    public static Pipeline Times() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Add(new TimeTagger())
        .Build();

    public static Pipeline Tokenization() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Build();
}
