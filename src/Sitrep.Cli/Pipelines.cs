using Sitrep.Text.Tokenization;

namespace Sitrep.Cli;

/// <summary>The pipelines the commands run, built once per process.</summary>
public static class Pipelines
{
    public static Pipeline Tokenization() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Build();
}
