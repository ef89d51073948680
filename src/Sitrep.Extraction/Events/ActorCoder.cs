namespace Sitrep.Extraction.Events;

/// <summary>
/// Fills <see cref="Entity.Actor"/>: a named group's code (ISIS → IMGMUSISI, NATO → IGOWSTNAT), a person's country plus the
/// sector of their title (US Defence Secretary Ashton Carter → USAGOV), an organisation's country plus the sector its name
/// says, a place's or nationality's country.
/// </summary>
public sealed class ActorCoder(ActorTable table) : IStage
{
    public string Name => "actors";
    public IReadOnlyList<string> Requires { get; } = [Layers.Tokens, Layers.Entities];
    public IReadOnlyList<string> Produces { get; } = [ActorsLayer];
    public const string ActorsLayer = "actors";

    public void Process(Document document)
    {
        var date = document.Metadata.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
        var resolver = new ActorResolver(table, new DependencyView(document), date);
        foreach (var e in document.Entities) e.Actor ??= resolver.EntityActor(e);
    }
}
