using System.Globalization;

namespace Sitrep.Storage.Export;

/// <summary>
/// Events as tab-separated rows shaped like two public event datasets, so analysis scripts written for them run on
/// Sitrep data. Columns and what fills them are documented in docs/export-formats.md; values Sitrep does not produce
/// (Goldstein scale, tone, religion/ethnic codes…) are left empty, never invented.
/// </summary>
public static class EventTsv
{
    /// <summary>The 61 columns of a GDELT 2.0 event record, in GDELT's order (with a header line, unlike GDELT's files).</summary>
    public static readonly string[] GdeltColumns =
    [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
        "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
        "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
        "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
        "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
        "DATEADDED", "SOURCEURL",
    ];

    /// <summary>The columns of the Phoenix event dataset (Open Event Data Alliance), in its order.</summary>
    public static readonly string[] PhoenixColumns =
    [
        "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
        "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
        "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources",
    ];

    public static void WriteGdelt(TextWriter output, IEnumerable<EventRow> events)
    {
        output.Write(string.Join('\t', GdeltColumns));
        output.Write('\n');
        foreach (var e in events)
        {
            var (date, year, month, day) = Date(e.Day);
            var cells = new string[GdeltColumns.Length];
            Array.Fill(cells, "");
            cells[0] = e.Id.ToString(CultureInfo.InvariantCulture);
            cells[1] = date;
            cells[2] = year.Length > 0 ? year + month : "";
            cells[3] = year;
            cells[4] = Fraction(e.Day);
            Actor(cells, 5, e.SourceActor, e.SourceName);
            Actor(cells, 15, e.TargetActor, e.TargetName);
            cells[25] = "1";
            cells[26] = e.Cameo;
            cells[27] = e.Cameo.Length >= 3 ? e.Cameo[..3] : e.Cameo;
            cells[28] = e.CameoRoot;
            cells[29] = QuadClass(e.CameoRoot);
            cells[31] = Cell.Of(e.NumMentions);
            cells[32] = Cell.Of(e.NumSources);
            cells[33] = Cell.Of(e.NumArticles);
            if (e.Lat is not null)
            {
                cells[51] = GeoType(e);
                cells[52] = e.PlaceName ?? "";
                cells[53] = e.CountryCode ?? "";
                cells[54] = e.CountryCode is null ? "" : e.CountryCode + (e.Admin1 ?? "");
                cells[56] = Cell.Of(e.Lat);
                cells[57] = Cell.Of(e.Lon);
                cells[58] = Cell.Of(e.GeonameId);
            }
            cells[59] = date;
            cells[60] = e.SourceUrl ?? "";
            WriteRow(output, cells);
        }
    }

    public static void WritePhoenix(TextWriter output, IEnumerable<EventRow> events)
    {
        output.Write(string.Join('\t', PhoenixColumns));
        output.Write('\n');
        foreach (var e in events)
        {
            var (date, year, month, day) = Date(e.Day);
            var (sCountry, sRole, sAttr) = Split(e.SourceActor);
            var (tCountry, tRole, tAttr) = Split(e.TargetActor);
            string[] cells =
            [
                e.Id.ToString(CultureInfo.InvariantCulture), date, year, month, day,
                e.SourceActor ?? "", sCountry, sRole, sAttr, e.TargetActor ?? "", tCountry, tRole, tAttr,
                e.Cameo, e.CameoRoot, QuadClass(e.CameoRoot), "", "",
                Cell.Of(e.Lat), Cell.Of(e.Lon), e.PlaceName ?? "", e.Admin1 ?? "", e.CountryCode ?? "",
                e.FirstDocumentId.ToString(CultureInfo.InvariantCulture), e.SourceUrl ?? "", Cell.Of(e.NumSources),
            ];
            WriteRow(output, cells);
        }
    }

    /// <summary>CAMEO quad class: 1 verbal cooperation (01–05), 2 material cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20).</summary>
    public static string QuadClass(string root) =>
        int.TryParse(root, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r switch
        {
            >= 1 and <= 5 => "1",
            >= 6 and <= 8 => "2",
            >= 9 and <= 13 => "3",
            >= 14 and <= 20 => "4",
            _ => "",
        } : "";

    private static void Actor(string[] cells, int at, string? code, string? name)
    {
        if (code is null && name is null) return;
        cells[at] = code ?? "";
        cells[at + 1] = (name ?? "").ToUpperInvariant();
        var (country, role, _) = Split(code);
        cells[at + 2] = country;
        cells[at + 7] = role;
    }

    /// <summary>A CAMEO actor code's parts: a leading 3-letter country (or IGO/IMG…) code, then a 3-letter role, then the rest.</summary>
    private static (string Country, string Role, string Attribute) Split(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length < 3) return (code ?? "", "", "");
        return (code[..3], code.Length >= 6 ? code[3..6] : code[3..], code.Length > 6 ? code[6..] : "");
    }

    private static string GeoType(EventRow e)
    {
        // GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
        bool us = e.CountryCode == "US";
        if (e.GeonameId is null) return "";
        if (e.Admin1 is null) return "1";
        return us ? "3" : "4";
    }

    private static (string Date, string Year, string Month, string Day) Date(string? day)
    {
        if (day is null || day.Length < 10) return ("", "", "", "");
        return (day[..4] + day[5..7] + day[8..10], day[..4], day[5..7], day[8..10]);
    }

    private static string Fraction(string? day)
    {
        if (day is null || !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return "";
        return (d.Year + d.DayOfYear / 365.0).ToString("0.0000", CultureInfo.InvariantCulture);
    }

    private static void WriteRow(TextWriter output, string[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) output.Write('\t');
            // TSV has no quoting: tabs and line breaks inside a value become spaces.
            output.Write(cells[i].Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '));
        }
        output.Write('\n');
    }
}
