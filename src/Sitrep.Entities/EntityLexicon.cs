using Sitrep.Models;

namespace Sitrep.Entities;

/// <summary>
/// Run-time lookups over <see cref="NerLexicons"/> for the linker: case-insensitive phrase tables queried with spans
/// (no substring per token). Built once; immutable and thread-safe.
/// </summary>
public sealed class EntityLexicon
{
    private readonly Dictionary<string, string> _countryByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _countryByCapital = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _demonyms = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _orgAliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _orgAliasesFolded = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _regions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LexiconCategory> _roleWords = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _honorifics = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _firstNames = new(StringComparer.OrdinalIgnoreCase);

    public EntityLexicon(NerLexicons lexicons)
    {
        // UN members first, so a shared name or demonym ("French") means the sovereign state.
        var countries = new List<CountryEntry>(lexicons.Countries);
        countries.Sort((x, y) => x.UnMember != y.UnMember ? (x.UnMember ? -1 : 1) : string.CompareOrdinal(x.Iso3, y.Iso3));
        foreach (var c in countries)
        {
            _countryByName.TryAdd(c.Name, c.Iso3);
            _countryByName.TryAdd(c.Official, c.Iso3);
            foreach (var a in c.AltNames) if (a.Length >= 2) _countryByName.TryAdd(a, c.Iso3);
            foreach (var d in c.Demonyms) _demonyms.TryAdd(d, c.Iso3);
            foreach (var k in c.Capitals) _countryByCapital.TryAdd(k, c.Iso3);
        }
        foreach (var (p, iso) in lexicons.Nationalities) _demonyms.TryAdd(p, iso);
        foreach (var (canonical, aliases) in lexicons.Organisations)
        {
            _orgAliases.TryAdd(canonical, canonical);
            _orgAliasesFolded.TryAdd(canonical, canonical);
            foreach (var a in aliases)
            {
                _orgAliases.TryAdd(a, canonical);
                // Short all-caps aliases (IS, UN) only match with their exact case.
                if (a.Length > 3 || a.Contains(' ')) _orgAliasesFolded.TryAdd(a, canonical);
            }
        }
        foreach (var (kind, phrase, extra) in lexicons.Roles)
        {
            switch (kind)
            {
                case LexiconCategory.Region: _regions.Add(phrase); break;
                case LexiconCategory.Honorific: _honorifics.TryAdd(phrase, extra); break;
                default:
                    // Every word of a multi-word title counts as a title word when walking left from a name.
                    foreach (var w in phrase.Split(' '))
                        _roleWords[w] = _roleWords.GetValueOrDefault(w) | (kind == LexiconCategory.Title && w != phrase.Split(' ')[^1] ? LexiconCategory.TitleModifier : kind);
                    break;
            }
        }
        foreach (var (n, g) in lexicons.FirstNames) _firstNames.TryAdd(n, g);
        CountryLookup = _countryByName.GetAlternateLookup<ReadOnlySpan<char>>();
        CapitalLookup = _countryByCapital.GetAlternateLookup<ReadOnlySpan<char>>();
        DemonymLookup = _demonyms.GetAlternateLookup<ReadOnlySpan<char>>();
        RoleLookup = _roleWords.GetAlternateLookup<ReadOnlySpan<char>>();
        HonorificLookup = _honorifics.GetAlternateLookup<ReadOnlySpan<char>>();
        FirstNameLookup = _firstNames.GetAlternateLookup<ReadOnlySpan<char>>();
        RegionLookup = _regions.GetAlternateLookup<ReadOnlySpan<char>>();
        OrgExact = _orgAliases.GetAlternateLookup<ReadOnlySpan<char>>();
        OrgFolded = _orgAliasesFolded.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CountryLookup { get; }
    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CapitalLookup { get; }
    public Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> DemonymLookup { get; }
    public Dictionary<string, LexiconCategory>.AlternateLookup<ReadOnlySpan<char>> RoleLookup { get; }
    public Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> HonorificLookup { get; }
    public Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> FirstNameLookup { get; }
    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RegionLookup { get; }
    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> OrgExact { get; }
    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> OrgFolded { get; }

    /// <summary>Canonical organisation of an alias; exact case first, then case-insensitively for longer aliases.</summary>
    public string? Organisation(string text, bool allowFolded) =>
        _orgAliases.TryGetValue(text, out var c) ? c : allowFolded && _orgAliasesFolded.TryGetValue(text, out c) ? c : null;

    /// <summary>Longest alias length in tokens (bounded), for scanning.</summary>
    public int MaxAliasWords => 8;

    public static EntityLexicon Load(string? directory = null) => new(NerLexicons.Load(NerLexicons.ResolveDirectory(directory)));
}
