using System.Text;
using System.Text.Json;

namespace Sitrep.Entities;

/// <summary>
/// Compiles the world-countries package's countries.json (ODbL) into Sitrep's compact country table
/// (data/lexicons/countries.tsv): ISO3, ISO2, common name, official name, alternative spellings,
/// English demonyms and capitals; lists joined by '|'. Output is sorted by ISO3 so rebuilding is byte-stable.
/// </summary>
public static class CountryTableBuilder
{
    public const string Header =
        "# Sitrep country table, built by `sitrep data build-countries` from the world-countries npm package\n" +
        "# (https://github.com/mledoze/countries), data licensed under the ODbL 1.0 (see COUNTRIES-LICENSE.md).\n" +
        "# columns: iso3\tiso2\tname\tofficial\taltSpellings\tdemonyms\tcapitals\tstatus (lists joined by |, _ when empty; status un = UN member)\n";

    public static string Build(string jsonPath)
    {
        if (!File.Exists(jsonPath)) throw new SitrepInputException(jsonPath, "file not found");
        JsonDocument json;
        try { json = JsonDocument.Parse(File.ReadAllBytes(jsonPath)); }
        catch (JsonException e) { throw new SitrepInputException(jsonPath, "not valid JSON: " + e.Message); }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Array) throw new SitrepInputException(jsonPath, "expected a JSON array of countries");
            var rows = new List<string>();
            int index = 0;
            foreach (var c in json.RootElement.EnumerateArray())
            {
                index++;
                string iso3 = Str(c, "cca3"), iso2 = Str(c, "cca2");
                if (iso3.Length != 3 || iso2.Length != 2) throw new SitrepInputException(jsonPath, $"country #{index}: missing cca3/cca2 codes");
                var name = c.TryGetProperty("name", out var n) ? n : default;
                string common = name.ValueKind == JsonValueKind.Object ? Str(name, "common") : "";
                string official = name.ValueKind == JsonValueKind.Object ? Str(name, "official") : "";
                if (common.Length == 0) throw new SitrepInputException(jsonPath, $"country {iso3}: missing name.common");
                var alt = new List<string>();
                if (c.TryGetProperty("altSpellings", out var a) && a.ValueKind == JsonValueKind.Array)
                    foreach (var s in a.EnumerateArray())
                        if (s.GetString() is { Length: > 0 } v && v != common && v != official) Add(alt, v);
                var demonyms = new List<string>();
                if (c.TryGetProperty("demonyms", out var d) && d.TryGetProperty("eng", out var eng))
                {
                    Add(demonyms, Str(eng, "m"));
                    Add(demonyms, Str(eng, "f"));
                }
                var capitals = new List<string>();
                if (c.TryGetProperty("capital", out var k) && k.ValueKind == JsonValueKind.Array)
                    foreach (var s in k.EnumerateArray()) Add(capitals, s.GetString() ?? "");
                rows.Add(string.Join('\t', iso3, iso2, Clean(common), Clean(official.Length > 0 ? official : common), Join(alt), Join(demonyms), Join(capitals),
                    c.TryGetProperty("unMember", out var un) && un.ValueKind == JsonValueKind.True ? "un" : "_"));
            }
            rows.Sort(StringComparer.Ordinal);
            var sb = new StringBuilder(Header);
            foreach (var r in rows) sb.Append(r).Append('\n');
            return sb.ToString();
        }
    }

    private static string Str(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static void Add(List<string> list, string value)
    {
        value = Clean(value);
        if (value.Length > 0 && !list.Contains(value)) list.Add(value);
    }

    private static string Clean(string s) => s.Replace('\t', ' ').Replace('|', '/').Replace('\n', ' ').Trim();

    private static string Join(List<string> list) => list.Count == 0 ? "_" : string.Join('|', list);
}
