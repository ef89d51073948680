namespace Sitrep.Storage;

/// <summary>
/// Which parts of an event make two mentions (from any articles) one deduplicated event. The default follows
/// ICEWS/GDELT practice: same source actor, target actor, CAMEO root (first two digits), day and place.
/// Written into the store when it is created; a store keeps the rule it was created with.
/// </summary>
public sealed record EventKeyRule
{
    public bool Source { get; init; } = true;
    public bool Target { get; init; } = true;
    /// <summary>How many leading digits of the CAMEO code must agree (2 = root, 3 or 4 = finer; 0 ignores the code).</summary>
    public int CameoDigits { get; init; } = 2;
    public bool Day { get; init; } = true;
    public bool Place { get; init; } = true;

    public static EventKeyRule Default { get; } = new();

    /// <summary>"source,target,root,day,place" (or cameo3/cameo4 for finer codes); the format of <c>--event-key</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Source) parts.Add("source");
        if (Target) parts.Add("target");
        if (CameoDigits == 2) parts.Add("root");
        else if (CameoDigits > 0) parts.Add("cameo" + CameoDigits);
        if (Day) parts.Add("day");
        if (Place) parts.Add("place");
        return string.Join(',', parts);
    }

    public static EventKeyRule Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var rule = new EventKeyRule { Source = false, Target = false, CameoDigits = 0, Day = false, Place = false };
        foreach (var raw in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            rule = raw.ToLowerInvariant() switch
            {
                "source" => rule with { Source = true },
                "target" => rule with { Target = true },
                "root" or "cameo2" => rule with { CameoDigits = 2 },
                "cameo3" => rule with { CameoDigits = 3 },
                "cameo4" or "cameo" => rule with { CameoDigits = 4 },
                "day" => rule with { Day = true },
                "place" => rule with { Place = true },
                _ => throw new FormatException($"'{raw}' is not a part of an event key (source, target, root, cameo3, cameo4, day, place)"),
            };
        }
        return rule;
    }
}

/// <summary>How a store is opened and how it deduplicates.</summary>
public sealed record StoreOptions
{
    public static StoreOptions Default { get; } = new();

    /// <summary>The cross-article event rule used when a store is created (an existing store keeps its own).</summary>
    public EventKeyRule EventKey { get; init; } = EventKeyRule.Default;

    /// <summary>Estimated Jaccard similarity of word 3-shingles at or above which a new document joins an earlier one's story.</summary>
    public double NearDuplicateThreshold { get; init; } = NearDuplicates.DefaultThreshold;

    /// <summary>Names of countries and first-level divisions, so <c>--place Iraq</c> finds events in Mosul.</summary>
    public IPlaceNames? PlaceNames { get; init; }

    /// <summary>Open without creating or migrating (queries on a store another process writes).</summary>
    public bool ReadOnly { get; init; }
}

/// <summary>Names for ISO country codes and GeoNames admin1 codes (the CLI reads them from the shipped gazetteer).</summary>
public interface IPlaceNames
{
    string? CountryName(string iso2);
    string? Admin1Name(string iso2, string admin1);
}
