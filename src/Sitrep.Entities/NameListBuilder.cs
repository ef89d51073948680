using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sitrep.Entities;

/// <summary>
/// Compiles typed name lists for NER gazetteer features into <c>data/lexicons/names.tsv</c> (<c>kind TAB phrase</c>,
/// sorted, so rebuilding is byte-stable): GeoNames populated places (cities500, CC BY 4.0) filtered by population,
/// US state names (@stdlib, Apache-2.0), WordNet 3.1 instance nouns (persons, locations, groups), organisation head
/// words, and the cspell company-name and people-name dictionaries (MIT). Single words that are ordinary lower-case English words (an-array-of-english-words) are left out of the
/// place and location lists, so "Mobile" or "Bath" do not fire on common words.
/// </summary>
public static class NameListBuilder
{
    public const string Header =
        "# Sitrep NER name lists, built by `sitrep data build-names` (see NAMES-LICENSE.md for sources and licences)\n" +
        "# columns: kind (place, state, person, surname, location, group, orghead, company)\tphrase\n";

    /// <summary>Words that head organisation names ("Ministry of …", "… University"); hand-written, CC0.</summary>
    public static IReadOnlyList<string> OrganisationHeads => Heads;

    private static readonly string[] Heads =
    [
        "Academy", "Agency", "Airlines", "Airways", "Alliance", "Army", "Assembly", "Association", "Authority", "Bank", "Bancorp",
        "Board", "Brigade", "Bureau", "Cabinet", "Center", "Centre", "Church", "Club", "College", "Commission", "Committee",
        "Company", "Co", "Co.", "Conference", "Congress", "Corp", "Corp.", "Corporation", "Council", "Court", "Department",
        "Directorate", "Division", "Enterprises", "Federation", "Forces", "Foundation", "Front", "Fund", "Group", "Guard",
        "Holdings", "Hospital", "Inc", "Inc.", "Industries", "Institute", "Institution", "International", "LLC", "LLP", "Ltd",
        "Ltd.", "League", "Legion", "Magazine", "Ministry", "Movement", "Network", "News", "Office", "Organisation",
        "Organization", "Parliament", "Partners", "Party", "Police", "Post", "Press", "Regiment", "School", "Senate", "Service",
        "Services", "Society", "Systems", "Team", "Technologies", "Times", "Tribune", "Trust", "Union", "United", "University",
        "Airport", "Journal", "Herald", "Gazette", "Telegraph", "Reuters", "Electric", "Energy", "Motors", "Pharmaceuticals",
    ];

    public sealed record Sources(string Cities, string UsStates, string WordNetNouns, string EnglishWords, string Companies, string PeopleNames, int MinPopulation, int MinPopulationAltNames);

    public static string Build(Sources src, Action<string>? progress = null)
    {
        var english = new HashSet<string>(ReadJsonStrings(src.EnglishWords), StringComparer.Ordinal);
        var rows = new SortedSet<string>(StringComparer.Ordinal);
        int places = 0;
        void Add(string kind, string phrase, bool filterCommon)
        {
            phrase = phrase.Trim();
            if (phrase.Length < 2 || phrase.Length > 60 || phrase.Contains('\t')) return;
            if (filterCommon && !phrase.Contains(' ') && english.Contains(phrase.ToLowerInvariant())) return;
            rows.Add(kind + "\t" + phrase);
        }

        if (!File.Exists(src.Cities)) throw new SitrepInputException(src.Cities, "file not found");
        int line = 0;
        foreach (var raw in File.ReadLines(src.Cities))
        {
            line++;
            var c = raw.Split('\t');
            if (c.Length != 19) throw new SitrepInputException(src.Cities, $"expected 19 GeoNames columns, found {c.Length}", line);
            if (c[6] != "P") continue;
            long pop = long.TryParse(c[14], NumberStyles.None, CultureInfo.InvariantCulture, out long p) ? p : 0;
            bool capital = c[7] is "PPLC" or "PPLA";
            if (pop < src.MinPopulation && !(capital && pop >= src.MinPopulation / 5)) continue;
            places++;
            Add("place", c[1], true);
            if (c[2] != c[1]) Add("place", c[2], true);
            if (pop >= src.MinPopulationAltNames)
                foreach (var alt in c[3].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    if (IsLatinName(alt)) Add("place", alt, true);
        }
        progress?.Invoke($"GeoNames: {places} places");

        foreach (var s in ReadJsonStrings(src.UsStates)) Add("state", s, false);

        if (!File.Exists(src.WordNetNouns)) throw new SitrepInputException(src.WordNetNouns, "file not found");
        int instances = 0;
        foreach (var raw in File.ReadLines(src.WordNetNouns))
        {
            if (raw.Length == 0 || raw[0] == ' ') continue;
            var f = raw.Split(' ');
            if (f.Length < 6) continue;
            string kind = f[1] switch { "18" => "person", "15" => "location", "14" => "group", _ => "" };
            if (kind.Length == 0) continue;
            int count = int.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int pointers = 4 + 2 * count;
            if (pointers >= f.Length) continue;
            int pc = int.Parse(f[pointers], CultureInfo.InvariantCulture);
            bool instance = false;
            for (int i = 0; i < pc; i++) if (f[pointers + 1 + 4 * i] == "@i") { instance = true; break; }
            if (!instance) continue;
            instances++;
            for (int i = 0; i < count; i++)
            {
                string lemma = f[4 + 2 * i].Replace('_', ' ');
                if (lemma.Length == 0 || !char.IsUpper(lemma[0])) continue;
                Add(kind, lemma, kind == "location");
                if (kind == "person")
                {
                    int sp = lemma.LastIndexOf(' ');
                    if (sp > 0 && char.IsUpper(lemma[sp + 1])) Add("surname", lemma[(sp + 1)..], false);
                }
            }
        }
        progress?.Invoke($"WordNet: {instances} instance synsets");
        foreach (var h in OrganisationHeads) Add("orghead", h, false);
        // cspell dictionaries (MIT): one word per line, comment lines start with #.
        int companies = 0, people = 0;
        foreach (var w in WordLines(src.Companies))
            if (w.Length >= 3 && !w.Contains(' ')) { Add("company", w, true); companies++; }
        foreach (var w in WordLines(src.PeopleNames))
            if (w.Length >= 3 && char.IsUpper(w[0])) { Add("surname", w, true); people++; }
        progress?.Invoke($"cspell: {companies} company words, {people} people names");

        var sb = new StringBuilder(Header);
        foreach (var r in rows) sb.Append(r).Append('\n');
        return sb.ToString();
    }

    private static IEnumerable<string> WordLines(string path)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "file not found");
        foreach (var raw in File.ReadLines(path))
        {
            string w = raw.Trim();
            if (w.Length > 0 && w[0] != '#') yield return w;
        }
    }

    private static bool IsLatinName(string s)
    {
        if (s.Length < 3) return false;
        foreach (char ch in s)
            if (!(ch is ' ' or '-' or '\'' or '.' || (char.IsLetter(ch) && ch < '\u0250'))) return false;
        return char.IsUpper(s[0]);
    }

    private static List<string> ReadJsonStrings(string path)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "file not found");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var list = new List<string>();
            foreach (var e in json.RootElement.EnumerateArray()) if (e.GetString() is { } s) list.Add(s);
            return list;
        }
        catch (JsonException e) { throw new SitrepInputException(path, "not valid JSON: " + e.Message); }
    }
}
