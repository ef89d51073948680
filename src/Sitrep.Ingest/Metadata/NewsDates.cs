using System.Globalization;

namespace Sitrep.Ingest.Metadata;

/// <summary>Parses the few date shapes articles carry: ISO 8601 in markup, "October 27, 2016" / "27 Oct 2016" in footers, "Oct 26" in datelines.</summary>
public static class NewsDates
{
    private static readonly string[] MonthPrefixes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>1–12 for an English month name or its abbreviation ("Oct", "Oct.", "Sept", "October"), else 0.</summary>
    public static int MonthNumber(ReadOnlySpan<char> name)
    {
        name = name.TrimEnd('.');
        if (name.Length < 3) return 0;
        for (int m = 0; m < MonthPrefixes.Length; m++)
        {
            if (!name.StartsWith(MonthPrefixes[m], StringComparison.OrdinalIgnoreCase)) continue;
            // The rest must continue the full name ("Oct" + "ober"), or be "t" for "Sept".
            var full = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[m];
            if (full.AsSpan().StartsWith(name, StringComparison.OrdinalIgnoreCase) || name.Equals("sept", StringComparison.OrdinalIgnoreCase))
                return m + 1;
        }
        return 0;
    }

    /// <summary>A date at midnight UTC, or null when the parts do not form a real date.</summary>
    public static DateTimeOffset? FromParts(int year, int month, int day)
    {
        if (year is < 1800 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>"October 27, 2016", "Oct. 27, 2016", "27 October 2016".</summary>
    public static DateTimeOffset? ParseLongDate(ReadOnlySpan<char> text)
    {
        Span<Range> parts = stackalloc Range[4];
        int n = text.Trim().Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (n != 3) return null;
        text = text.Trim();
        var a = text[parts[0]].TrimEnd(',');
        var b = text[parts[1]].TrimEnd(',');
        var c = text[parts[2]].TrimEnd(",.");
        if (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out int year)) return null;
        if (MonthNumber(a) is > 0 and var m1 && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out int d1))
            return FromParts(year, m1, d1);
        if (MonthNumber(b) is > 0 and var m2 && int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out int d2))
            return FromParts(year, m2, d2);
        return null;
    }

    /// <summary>
    /// ISO 8601 as found in meta tags, JSON-LD and JSON input ("2016-10-27", "2016-10-27T08:30:00+08:00").
    /// <paramref name="hasTime"/> is false for a bare date. Values without an offset are taken as UTC.
    /// </summary>
    public static bool TryParseIso(string? text, out DateTimeOffset value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        // Require an ISO-looking start so "10/27/2016" is never read month-first or day-first by accident.
        if (text.Length < 10 || !char.IsAsciiDigit(text[0]) || text[4] != '-' || text[7] != '-') return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value))
            return false;
        hasTime = text.Length > 10;
        return true;
    }
}
