namespace Sitrep;

/// <summary>An immutable, thread-safe ordered list of stages, built once and reused for every document.</summary>
public sealed class Pipeline
{
    private readonly IStage[] _stages;

    internal Pipeline(IStage[] stages) => _stages = stages;

    public IReadOnlyList<IStage> Stages => _stages;

    public Document Process(Document document)
    {
        foreach (var stage in _stages)
        {
            stage.Process(document);
            document.Layers.Add(stage.Name);
        }
        return document;
    }
}

public sealed class PipelineBuilder
{
    private readonly List<IStage> _stages = [];

    public PipelineBuilder Add(IStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(stage);
        return this;
    }

    /// <summary>Builds the pipeline, failing when a stage requires a layer no earlier stage produces.</summary>
    public Pipeline Build()
    {
        var produced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in _stages)
        {
            foreach (var need in stage.Requires)
            {
                if (!produced.Contains(need))
                    throw new InvalidOperationException($"stage '{stage.Name}' requires '{need}', which no earlier stage produces");
            }
            produced.UnionWith(stage.Produces);
        }
        return new Pipeline([.. _stages]);
    }
}
