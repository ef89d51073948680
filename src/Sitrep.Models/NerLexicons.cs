using System.Globalization;

namespace Sitrep.Models;

/// <summary>What a lexicon phrase names; a phrase may carry several (bit flags).</summary>
[Flags]
public enum LexiconCategory
{
    None = 0,
    Country = 1,
    Demonym = 2,
    City = 4,
    Organisation = 8,
    Title = 16,
    TitleModifier = 32,
    Role = 64,
    Honorific = 128,
    Region = 256,
    FirstName = 512,
    /// <summary>Populated place (GeoNames) or US state.</summary>
    Place = 1024,
    /// <summary>Famous person (WordNet instance noun) or their surname.</summary>
    Person = 2048,
    /// <summary>Named location (WordNet instance noun).</summary>
    Location = 4096,
    /// <summary>Named group or organisation (WordNet instance noun).</summary>
    Group = 8192,
    /// <summary>Organisation head word ("Ministry", "University", "Inc").</summary>
    OrgHead = 16384,
    Surname = 32768,
    /// <summary>Word of a company name (cspell company dictionary).</summary>
    Company = 65536,
}

/// <summary>One country of the country table (ISO 3166-1 codes, names, demonyms, capitals).</summary>
public sealed record CountryEntry(string Iso3, string Iso2, string Name, string Official, IReadOnlyList<string> AltNames, IReadOnlyList<string> Demonyms, IReadOnlyList<string> Capitals, bool UnMember);

/// <summary>
/// Sitrep's own word lists under <c>data/lexicons/</c>: the country table built from world-countries, extra
/// nationalities, organisations with aliases, and title/role words. Immutable once loaded; used both as
/// NER gazetteer features (at training, then stored in the model) and by the entity linker.
/// </summary>
public sealed class NerLexicons
{
    public const string CountriesFile = "countries.tsv";
    public const string NationalitiesFile = "nationalities.tsv";
    public const string OrganisationsFile = "organisations.tsv";
    public const string RolesFile = "roles.tsv";
    public const string FirstNamesFile = "first-names.tsv";
    /// <summary>
    /// English short forms of country names that <see cref="CountriesFile"/> lacks ("Turkey", "Britain", "U.S."): name and ISO
    /// alpha-2, kept with the gazetteer (data/gazetteer beside data/lexicons), which compiles them too. Optional.
    /// </summary>
    public static readonly string CountryAliasesPath = Path.Combine("..", "gazetteer", "country-aliases.tsv");
    /// <summary>Optional typed name lists for gazetteer features (<c>sitrep data build-names</c>).</summary>
    public const string NamesFile = "names.tsv";

    private NerLexicons(List<CountryEntry> countries, List<(string Phrase, string? Iso3)> nationalities,
        List<(string Canonical, string[] Aliases)> organisations, List<(LexiconCategory Kind, string Phrase, string? Extra)> roles, List<(string Name, string? Gender)> firstNames, List<(LexiconCategory Kind, string Phrase)> names)
    {
        Names = names;
        FirstNames = firstNames;
        Countries = countries;
        Nationalities = nationalities;
        Organisations = organisations;
        Roles = roles;
    }

    public IReadOnlyList<CountryEntry> Countries { get; }
    /// <summary>Given names with gender (m, f, null when both).</summary>
    public IReadOnlyList<(string Name, string? Gender)> FirstNames { get; }
    /// <summary>Nationality, ethnic and regional adjectives beyond the country demonyms; ISO3 when one country is meant.</summary>
    public IReadOnlyList<(string Phrase, string? Iso3)> Nationalities { get; }
    public IReadOnlyList<(string Canonical, string[] Aliases)> Organisations { get; }
    /// <summary>Typed names from <see cref="NamesFile"/> (empty when the file is absent); gazetteer features only.</summary>
    public IReadOnlyList<(LexiconCategory Kind, string Phrase)> Names { get; }
    /// <summary>Title words, title modifiers, role nouns, honorifics (Extra = gender m/f) and regions.</summary>
    public IReadOnlyList<(LexiconCategory Kind, string Phrase, string? Extra)> Roles { get; }

    /// <summary>The lexicons directory beside the model directory (data/lexicons next to data/models).</summary>
    public static string ResolveDirectory(string? explicitDirectory = null)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
            return Directory.Exists(explicitDirectory) ? Path.GetFullPath(explicitDirectory)
                : throw new SitrepInputException(explicitDirectory, "lexicon directory not found");
        var models = ModelLocator.ResolveDirectory();
        var dir = Path.GetFullPath(Path.Combine(models, "..", "lexicons"));
        return Directory.Exists(dir) ? dir : throw new SitrepInputException(dir, "lexicon directory not found (expected data/lexicons beside data/models)");
    }

    public static NerLexicons Load(string directory)
    {
        var countries = new List<CountryEntry>();
        foreach (var (line, cols) in Rows(Path.Combine(directory, CountriesFile), 8))
        {
            if (cols[0].Length != 3 || cols[1].Length != 2) throw new SitrepInputException(Path.Combine(directory, CountriesFile), "bad ISO code", line);
            countries.Add(new CountryEntry(cols[0], cols[1], cols[2], cols[3], List(cols[4]), List(cols[5]), List(cols[6]), cols[7] == "un"));
        }
        string aliasesPath = Path.GetFullPath(Path.Combine(directory, CountryAliasesPath));
        if (File.Exists(aliasesPath))
        {
            var extra = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (line, cols) in Rows(aliasesPath, 2))
            {
                if (!countries.Exists(c => c.Iso2 == cols[1])) throw new SitrepInputException(aliasesPath, $"unknown country code '{cols[1]}'", line);
                if (!extra.TryGetValue(cols[1], out var list)) extra[cols[1]] = list = [];
                list.Add(cols[0]);
            }
            for (int i = 0; i < countries.Count; i++)
                if (extra.TryGetValue(countries[i].Iso2, out var more))
                    countries[i] = countries[i] with { AltNames = [.. countries[i].AltNames, .. more] };
        }
        var nationalities = new List<(string, string?)>();
        foreach (var (_, cols) in Rows(Path.Combine(directory, NationalitiesFile), 2))
            nationalities.Add((cols[0], cols[1] == "_" ? null : cols[1]));
        var organisations = new List<(string, string[])>();
        foreach (var (_, cols) in Rows(Path.Combine(directory, OrganisationsFile), 2))
            organisations.Add((cols[0], [.. List(cols[1])]));
        var roles = new List<(LexiconCategory, string, string?)>();
        string rolesPath = Path.Combine(directory, RolesFile);
        foreach (var (line, cols) in Rows(rolesPath, 3))
        {
            var kind = cols[0] switch
            {
                "title" => LexiconCategory.Title,
                "modifier" => LexiconCategory.TitleModifier,
                "role" => LexiconCategory.Role,
                "honorific" => LexiconCategory.Honorific,
                "region" => LexiconCategory.Region,
                _ => throw new SitrepInputException(rolesPath, $"unknown kind '{cols[0]}'", line),
            };
            roles.Add((kind, cols[1], cols[2] == "_" ? null : cols[2]));
        }
        var firstNames = new List<(string, string?)>();
        foreach (var (_, cols) in Rows(Path.Combine(directory, FirstNamesFile), 2))
            firstNames.Add((cols[0], cols[1] == "_" ? null : cols[1]));
        var names = new List<(LexiconCategory, string)>();
        string namesPath = Path.Combine(directory, NamesFile);
        if (File.Exists(namesPath))
            foreach (var (line, cols) in Rows(namesPath, 2))
            {
                var kind = cols[0] switch
                {
                    "place" or "state" => LexiconCategory.Place,
                    "person" => LexiconCategory.Person,
                    "surname" => LexiconCategory.Surname,
                    "location" => LexiconCategory.Location,
                    "group" => LexiconCategory.Group,
                    "orghead" => LexiconCategory.OrgHead,
                    "company" => LexiconCategory.Company,
                    _ => throw new SitrepInputException(namesPath, $"unknown kind '{cols[0]}'", line),
                };
                names.Add((kind, cols[1]));
            }
        return new NerLexicons(countries, nationalities, organisations, roles, firstNames, names);
    }

    /// <summary>Every phrase with its categories, for gazetteer features.</summary>
    public IEnumerable<(string Phrase, LexiconCategory Category)> Phrases()
    {
        foreach (var c in Countries)
        {
            yield return (c.Name, LexiconCategory.Country);
            yield return (c.Official, LexiconCategory.Country);
            foreach (var a in c.AltNames) if (a.Length > 1) yield return (a, LexiconCategory.Country);
            foreach (var d in c.Demonyms) yield return (d, LexiconCategory.Demonym);
            foreach (var k in c.Capitals) yield return (k, LexiconCategory.City);
        }
        foreach (var (p, _) in Nationalities) yield return (p, LexiconCategory.Demonym);
        foreach (var (canonical, aliases) in Organisations)
        {
            yield return (canonical, LexiconCategory.Organisation);
            foreach (var a in aliases) yield return (a, LexiconCategory.Organisation);
        }
        foreach (var (kind, p, _) in Roles) yield return (p, kind);
        foreach (var (name, _) in FirstNames) yield return (name, LexiconCategory.FirstName);
        foreach (var (kind, phrase) in Names) yield return (phrase, kind);
    }

    private static string[] List(string field) => field == "_" || field.Length == 0 ? [] : field.Split('|');

    private static IEnumerable<(int Line, string[] Cols)> Rows(string path, int columns)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "lexicon file not found");
        int n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            if (raw.Length == 0 || raw[0] == '#') continue;
            var cols = raw.Split('\t');
            if (cols.Length != columns)
                throw new SitrepInputException(path, string.Create(CultureInfo.InvariantCulture, $"expected {columns} tab-separated columns, found {cols.Length}"), n);
            yield return (n, cols);
        }
    }
}
