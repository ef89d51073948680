using Sitrep.Extraction.Places;
using Sitrep.Storage;

namespace Sitrep.Cli;

/// <summary>Country and first-level division names from the shipped gazetteer, so the store can match --place Iraq or --place Nineveh.</summary>
public sealed class GazetteerPlaceNames : IPlaceNames
{
    private readonly Dictionary<string, string> _countries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string, string), string> _admin1 = [];

    public GazetteerPlaceNames(Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        for (int i = 0; i < gazetteer.Count; i++)
        {
            var e = gazetteer[i];
            if (e.CountryCode is not { } cc) continue;
            if (e.Kind == PlaceKind.Country) _countries.TryAdd(cc, gazetteer.Name(i));
            else if (e.Kind == PlaceKind.Admin1 && e.Admin1 is { } a) _admin1.TryAdd((cc.ToUpperInvariant(), a), gazetteer.Name(i));
        }
    }

    public static GazetteerPlaceNames Load() => new(Gazetteer.Load(Gazetteer.DefaultPath()));

    public string? CountryName(string iso2) => _countries.GetValueOrDefault(iso2);

    public string? Admin1Name(string iso2, string admin1) => _admin1.GetValueOrDefault((iso2.ToUpperInvariant(), admin1));
}
