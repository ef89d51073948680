using System.Globalization;

namespace Sitrep.Storage;

/// <summary>A point and radius for <see cref="StoreQuery.Near"/>.</summary>
public readonly record struct GeoCircle(double Lat, double Lon, double Km)
{
    /// <summary>Parses "LAT,LON,KM" (invariant culture); throws <see cref="FormatException"/> with a readable message.</summary>
    public static GeoCircle Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var km))
            throw new FormatException($"'{value}' is not LAT,LON,KM (for example 36.34,43.13,50)");
        if (lat is < -90 or > 90 || lon is < -180 or > 180) throw new FormatException($"'{value}': latitude must be within ±90 and longitude within ±180");
        if (!(km > 0) || double.IsInfinity(km)) throw new FormatException($"'{value}': the radius must be a positive number of kilometres");
        return new GeoCircle(lat, lon, km);
    }
}

/// <summary>
/// Filters shared by the events, quotes, entities and documents queries. A filter that does not apply to a kind
/// (for example <see cref="Cameo"/> on quotes) makes the query throw <see cref="StoreQueryException"/>.
/// Dates are days (inclusive); text matching of names is case-insensitive.
/// </summary>
public sealed record StoreQuery
{
    /// <summary>CAMEO actor code prefix, matched against source or target actor ("IRQ" matches "IRQMIL").</summary>
    public string? Actor { get; init; }
    /// <summary>CAMEO event code prefix ("19" = fight, "190" …).</summary>
    public string? Cameo { get; init; }
    /// <summary>PLOVER event type (case-insensitive, exact).</summary>
    public string? Plover { get; init; }
    /// <summary>A resolved place name, or the name/ISO code of its country or first-level division.</summary>
    public string? Place { get; init; }
    public GeoCircle? Near { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Quote speaker name (case-insensitive substring).</summary>
    public string? Speaker { get; init; }
    /// <summary>Full-text query over article text (documents, events) or quote text (quotes); words are ANDed, stemmed.</summary>
    public string? Text { get; init; }
    /// <summary>Restricts to one document (quotes, entities, events).</summary>
    public long? DocumentId { get; init; }
    public int Limit { get; init; } = 100;
    /// <summary>Opaque cursor from <see cref="Page{T}.NextCursor"/> of the previous page.</summary>
    public string? Cursor { get; init; }

    public const int MaxLimit = 1_000_000;
}

/// <summary>One page of results; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>A query that cannot be answered as asked (a filter that does not apply, a bad cursor).</summary>
public sealed class StoreQueryException(string message) : Exception(message);
