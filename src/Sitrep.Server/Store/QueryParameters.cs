using System.Globalization;
using Sitrep.Storage;

namespace Sitrep.Server.Store;

/// <summary>
/// The query string of a GET endpoint turned into a <see cref="StoreQuery"/>: the CLI's filters
/// (actor, cameo, plover, place, near, from, to, speaker, q) plus limit and cursor. Unknown parameters and values
/// that do not parse are refused with the parameter's name.
/// </summary>
public static class QueryParameters
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static readonly string[] Filters = ["actor", "cameo", "plover", "place", "near", "from", "to", "speaker", "q"];

    public static StoreQuery Parse(IQueryCollection query, params string[] extra)
    {
        foreach (var key in query.Keys)
            if (Array.IndexOf(Filters, key) < 0 && key is not ("limit" or "cursor" or "document") && Array.IndexOf(extra, key) < 0)
                throw new ApiProblemException(400, key, $"unknown query parameter '{key}' (allowed: {string.Join(", ", Filters.Concat(["limit", "cursor", "document"]).Concat(extra))})");
        return new StoreQuery
        {
            Actor = Text(query, "actor"),
            Cameo = Cameo(query),
            Plover = Text(query, "plover"),
            Place = Text(query, "place"),
            Near = Near(query),
            From = Day(query, "from"),
            To = Day(query, "to"),
            Speaker = Text(query, "speaker"),
            Text = Text(query, "q"),
            DocumentId = Long(query, "document"),
            Limit = Limit(query),
            Cursor = Text(query, "cursor"),
        } is var q && q.From is { } f && q.To is { } t && f > t
            ? throw new ApiProblemException(400, "from", $"from ({f:yyyy-MM-dd}) is after to ({t:yyyy-MM-dd})")
            : q;
    }

    public static string? Text(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count > 1) throw new ApiProblemException(400, name, $"'{name}' is given {values.Count} times");
        var value = values[0]?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > 500) throw new ApiProblemException(400, name, $"'{name}' is longer than 500 characters");
        return value;
    }

    private static string? Cameo(IQueryCollection query)
    {
        var value = Text(query, "cameo");
        if (value is null) return null;
        foreach (char c in value)
            if (!char.IsAsciiDigit(c)) throw new ApiProblemException(400, "cameo", $"'{value}' is not a CAMEO code prefix (digits, e.g. 19 or 190)");
        if (value.Length > 4) throw new ApiProblemException(400, "cameo", $"'{value}' is longer than a CAMEO code");
        return value;
    }

    private static GeoCircle? Near(IQueryCollection query)
    {
        var value = Text(query, "near");
        if (value is null) return null;
        try { return GeoCircle.Parse(value); }
        catch (FormatException e) { throw new ApiProblemException(400, "near", e.Message); }
    }

    private static DateOnly? Day(IQueryCollection query, string name)
    {
        var value = Text(query, name);
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        throw new ApiProblemException(400, name, $"'{value}' is not a date (expected YYYY-MM-DD)");
    }

    public static long? Long(IQueryCollection query, string name)
    {
        var value = Text(query, name);
        if (value is null) return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw new ApiProblemException(400, name, $"'{value}' is not a positive whole number");
    }

    private static int Limit(IQueryCollection query)
    {
        var value = Text(query, "limit");
        if (value is null) return DefaultLimit;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit) return n;
        throw new ApiProblemException(400, "limit", $"'{value}' is not a limit between 1 and {MaxLimit}");
    }

    /// <summary>The field a <see cref="StoreQueryException"/> is about ("--cameo does not apply to quotes" → cameo).</summary>
    public static string FieldOf(StoreQueryException e)
    {
        var m = e.Message;
        int dash = m.IndexOf("--", StringComparison.Ordinal);
        if (dash >= 0)
        {
            int end = dash + 2;
            while (end < m.Length && char.IsAsciiLetter(m[end])) end++;
            var name = m[(dash + 2)..end];
            return name == "text" ? "q" : name;
        }
        return m.Contains("cursor", StringComparison.OrdinalIgnoreCase) ? "cursor" : "query";
    }
}
