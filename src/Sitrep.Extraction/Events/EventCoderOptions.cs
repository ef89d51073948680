namespace Sitrep.Extraction.Events;

/// <summary>What counts as the same event inside one article (docs/events.md).</summary>
public enum DedupLevel : byte
{
    /// <summary>Keep every coded mention.</summary>
    None,
    /// <summary>Same source, target, full CAMEO code, day and place.</summary>
    Code,
    /// <summary>Same source, target, CAMEO root, day and place (ICEWS-style; the default).</summary>
    Root,
}

/// <summary>Options of the event coder; immutable.</summary>
public sealed record EventCoderOptions
{
    public static readonly EventCoderOptions Default = new();

    /// <summary>Only events with both a source and a target actor code are kept (CAMEO dyads).</summary>
    public bool RequireBothActors { get; init; } = true;
    public DedupLevel Dedup { get; init; } = DedupLevel.Root;
    /// <summary>Whether the place is part of the dedup key.</summary>
    public bool DedupByPlace { get; init; } = true;
    /// <summary>Sector-only actors ("troops", "gunmen") with no nationality take the country of the sentence's place, else the dateline's.</summary>
    public bool CountryFromPlace { get; init; } = true;
}

/// <summary>
/// The key under which two events are the same event: source and target actor codes, CAMEO root (or code), day
/// (the first 10 characters of the TIMEX value: a date, or a week/month when that is all the text says), place entity
/// id and whether the event is asserted. Public so the store can reuse the rule across articles.
/// </summary>
public readonly record struct EventDedupKey(string? Source, string? Target, string Code, string? Day, string? Place, bool Asserted)
{
    public static EventDedupKey Of(Event e, DedupLevel level = DedupLevel.Root, bool byPlace = true, string? placeKey = null) =>
        new(e.SourceActor, e.TargetActor, level == DedupLevel.Root && e.Cameo.Length >= 2 ? e.Cameo[..2] : e.Cameo,
            e.Date is { Length: > 10 } d ? d[..10] : e.Date, byPlace ? placeKey ?? e.Place : null,
            e.Modality is Modality.Asserted or Modality.Reported);
}
