using System.Globalization;
using Sitrep.Models;

namespace Sitrep.Extraction.Events;

/// <summary>
/// The actor coder's lookups, all keyed by lower-case phrases: named groups/IGOs/NGOs (<c>data/events/actors.tsv</c>),
/// sector words (<c>agents.tsv</c>), countries by name, capital and demonym (<c>data/lexicons</c>), and optionally the
/// PETRARCH/Phoenix actor and agent dictionaries of a <c>--dictionaries</c> folder (read in place, never copied).
/// Immutable after construction.
/// </summary>
public sealed class ActorTable
{
    public const string GroupsFile = "actors.tsv";
    public const string AgentsFile = "agents.tsv";

    private readonly Dictionary<string, string> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _agents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _countries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<DatedCode>> _dictionaryActors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A code valid between two dates (inclusive); null bounds are open.</summary>
    public readonly record struct DatedCode(string Code, DateOnly? From, DateOnly? To);

    public ActorTable(IEnumerable<(string Phrase, string Code)> groups, IEnumerable<(string Phrase, string Code)> agents, NerLexicons? lexicons)
    {
        foreach (var (p, c) in groups) _groups.TryAdd(Norm(p), c);
        foreach (var (p, c) in agents) _agents.TryAdd(Norm(p), c);
        if (lexicons is not null)
        {
            foreach (var c in lexicons.Countries.OrderBy(c => c.UnMember ? 0 : 1).ThenBy(c => c.Iso3, StringComparer.Ordinal))
            {
                _countries.TryAdd(c.Name, c.Iso3);
                _countries.TryAdd(c.Official, c.Iso3);
                foreach (var a in c.AltNames) if (a.Length > 2) _countries.TryAdd(a, c.Iso3);
                foreach (var d in c.Demonyms)
                    foreach (var part in d.Split(','))
                    {
                        var dem = part.Trim();
                        if (dem.Length == 0) continue;
                        _countries.TryAdd(dem, c.Iso3);
                        // Spelling variants news uses ("Ecuadorean"/"Ecuadorian").
                        if (dem.EndsWith("ean", StringComparison.Ordinal)) _countries.TryAdd(dem[..^3] + "ian", c.Iso3);
                        else if (dem.EndsWith("ian", StringComparison.Ordinal)) _countries.TryAdd(dem[..^3] + "ean", c.Iso3);
                    }
                foreach (var k in c.Capitals) _countries.TryAdd(k, c.Iso3);
            }
            foreach (var (p, iso) in lexicons.Nationalities) if (iso is not null) _countries.TryAdd(p, iso);
            foreach (var c in lexicons.Countries) _iso3ByIso2.TryAdd(c.Iso2, c.Iso3);
        }
        _countries.TryAdd("US", "USA");
        _countries.TryAdd("U.S.", "USA");
        _countries.TryAdd("UK", "GBR");
        _countries.TryAdd("British", "GBR");
        _countries.TryAdd("Turkish", "TUR");
        // The Palestinian territories are PSE in CAMEO; the gazetteer resolves them as regions without a country code.
        foreach (var territory in (string[])["Gaza", "Gaza Strip", "West Bank", "Gazan", "Gazans"]) _countries.TryAdd(territory, "PSE");
        CountryLookup = _countries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CountryLookup { get; }

    private readonly Dictionary<string, string> _iso3ByIso2 = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The country of an entity: the linker's, else the resolved place's country code ("Kherson" → UKR).</summary>
    public string? CountryOf(Entity e) =>
        e.Country ?? (e.Place?.CountryCode is { } iso2 && _iso3ByIso2.TryGetValue(iso2, out var iso3) ? iso3 : null)
        ?? (e.Type is EntityType.GPE or EntityType.LOC && e.Place is { CountryCode: null } ? Country(e.Name) : null);
    public int DictionaryActorCount => _dictionaryActors.Count;
    public int AgentCount => _agents.Count;

    /// <summary>Country (ISO3) of a name, capital or demonym.</summary>
    public string? Country(ReadOnlySpan<char> text) => CountryLookup.TryGetValue(text, out var iso) ? iso : null;

    /// <summary>A Sitrep group code (IMGMUSISI, IGOUNO, PSEREB…) for a name, else a PETRARCH dictionary actor code valid on the date.</summary>
    public string? Group(string phrase, DateOnly? date) => OwnGroup(phrase) ?? DictionaryActor(phrase, date);

    /// <summary>A code from Sitrep's own group table only.</summary>
    public string? OwnGroup(string phrase) => _groups.GetValueOrDefault(Norm(phrase));

    /// <summary>A code from the PETRARCH actor dictionaries (--dictionaries), valid on the date; null without them.</summary>
    public string? DictionaryActor(string phrase, DateOnly? date)
    {
        var key = Norm(phrase);
        if (_dictionaryActors.TryGetValue(key, out var dated))
        {
            string? fallback = null;
            foreach (var d in dated)
            {
                if (d.From is null && d.To is null) { fallback ??= d.Code; continue; }
                if (date is { } day && (d.From is null || day >= d.From) && (d.To is null || day <= d.To)) return d.Code;
            }
            return fallback;
        }
        return null;
    }

    /// <summary>The sector or group code of a role word or phrase ("troops" → MIL, "aid agency" → NGO).</summary>
    public string? Agent(string phrase) => _agents.GetValueOrDefault(Norm(phrase));

    /// <summary>True for codes used whole (IGO…, NGO…, IMG…) rather than appended to a country.</summary>
    public static bool IsGroupCode(string code) => code.Length > 3 && (code.StartsWith("IGO", StringComparison.Ordinal) || code.StartsWith("NGO", StringComparison.Ordinal) || code.StartsWith("IMG", StringComparison.Ordinal))
        || code == "NGO" || code == "IGO";

    private static string Norm(string phrase)
    {
        var p = phrase.Trim().Replace('_', ' ').ToLowerInvariant();
        return p.StartsWith("the ", StringComparison.Ordinal) ? p[4..] : p;
    }

    public static string ResolveDirectory(string? explicitDirectory = null)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
            return Directory.Exists(explicitDirectory) ? Path.GetFullPath(explicitDirectory)
                : throw new SitrepInputException(explicitDirectory, "event data directory not found");
        var dir = Path.GetFullPath(Path.Combine(ModelLocator.ResolveDirectory(), "..", "events"));
        return Directory.Exists(dir) ? dir : throw new SitrepInputException(dir, "event data directory not found (expected data/events beside data/models)");
    }

    /// <summary>Sitrep's tables from <paramref name="directory"/> (default data/events) and the country lexicon; optionally a PETRARCH dictionary folder.</summary>
    public static ActorTable Load(string? directory = null, string? dictionaries = null)
    {
        directory = ResolveDirectory(directory);
        var groups = DataFile.Rows(Path.Combine(directory, GroupsFile), 2).Select(r => (r.Cols[0], r.Cols[1])).ToList();
        var agents = DataFile.Rows(Path.Combine(directory, AgentsFile), 2).Select(r => (r.Cols[0], r.Cols[1])).ToList();
        var lexicons = NerLexicons.Load(NerLexicons.ResolveDirectory());
        // The lexicons carry the gazetteer's short English country names ("Turkey", "Britain") among the alternate names.
        var table = new ActorTable(groups, agents, lexicons);
        if (dictionaries is not null) table.AddPetrarch(dictionaries);
        return table;
    }

    /// <summary>
    /// Reads the PETRARCH actor files (<c>*.actors.txt</c>: primary phrase, <c>+synonyms</c>, tab-indented
    /// <c>[CODE from-to]</c> date restrictions) and the agents file (<c>*agents*.txt</c>: <c>PHRASE {plural} [~CODE]</c>,
    /// <c>!MARKER! = a, b</c> substitutions) of a folder, adding entries Sitrep's own tables do not have.
    /// </summary>
    public void AddPetrarch(string folder)
    {
        if (!Directory.Exists(folder)) throw new SitrepInputException(folder, "dictionary directory not found");
        var actorFiles = Directory.GetFiles(folder, "*.actors.txt").OrderBy(f => f, StringComparer.Ordinal).ToList();
        var agentFiles = Directory.GetFiles(folder, "*agents*.txt").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (actorFiles.Count == 0 && agentFiles.Count == 0) throw new SitrepInputException(folder, "no PETRARCH *.actors.txt or *agents*.txt files");
        foreach (var f in actorFiles) ReadActors(f);
        foreach (var f in agentFiles) ReadAgents(f);
    }

    private void ReadActors(string path)
    {
        var phrases = new List<string>();
        var codes = new List<DatedCode>();
        int n = 0;
        void Flush()
        {
            if (phrases.Count > 0 && codes.Count > 0)
                foreach (var p in phrases)
                    if (!_dictionaryActors.ContainsKey(p)) _dictionaryActors[p] = [.. codes];
            phrases.Clear();
            codes.Clear();
        }
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var line = StripComment(raw);
            if (line.Trim().Length == 0) continue;
            if (line[0] == '\t' || line[0] == ' ')
            {
                if (ParseCode(line.Trim()) is { } dc) codes.Add(dc);
                continue;
            }
            bool synonym = line[0] == '+';
            if (!synonym) Flush();
            var body = synonym ? line[1..] : line;
            int bracket = body.IndexOf('[');
            string phrase = (bracket < 0 ? body : body[..bracket]).Trim();
            if (bracket >= 0 && ParseCode(body[bracket..].Trim()) is { } code) codes.Add(code with { From = null, To = null });
            phrase = PhraseOf(phrase);
            if (phrase.Length > 0) phrases.Add(phrase);
        }
        Flush();
    }

    private void ReadAgents(string path)
    {
        var markers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var line = StripComment(raw).Trim();
            if (line.Length == 0 || line.StartsWith("<!", StringComparison.Ordinal)) continue;
            if (line[0] == '!' && line.IndexOf('=') is > 0 and var eq)
            {
                markers[line[..eq].Trim()] = line[(eq + 1)..].Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
                continue;
            }
            int bracket = line.IndexOf('[');
            if (bracket < 0) continue;
            int close = line.IndexOfAny([']', '}'], bracket);
            string code = (close < 0 ? line[(bracket + 1)..] : line[(bracket + 1)..close]).Trim();
            string head = line[..bracket];
            string? plural = null;
            int brace = head.IndexOf('{');
            if (brace >= 0)
            {
                int end = head.IndexOf('}', brace);
                plural = end < 0 ? null : head[(brace + 1)..end].Trim();
                head = head[..brace];
            }
            head = head.Trim();
            if (head.Length == 0) continue;
            string sector = code.StartsWith('~') ? code[1..] : code.EndsWith('~') ? code[..^1] : code;
            if (sector.Length == 0 || !sector.All(char.IsAsciiLetterOrDigit)) throw new SitrepInputException(path, $"bad agent code \"{code}\"", n);
            // A prefix code (NGO~) is a whole group code; a suffix code (~GOVFRM) keeps its 3-letter sector, as Sitrep's codes do.
            string value = code.EndsWith('~') ? sector : sector.Length > 3 ? sector[..3] : sector;
            foreach (var form in Expand(head, markers))
            {
                string p = PhraseOf(form);
                if (p.Length == 0) continue;
                _agents.TryAdd(p, value);
                if (plural is null) _agents.TryAdd(RegularPlural(p), value);
                else if (plural.Length > 0) _agents.TryAdd(PhraseOf(plural), value);
            }
        }
    }

    private static IEnumerable<string> Expand(string head, Dictionary<string, string[]> markers)
    {
        int a = head.IndexOf('!');
        int b = a < 0 ? -1 : head.IndexOf('!', a + 1);
        if (b < 0 || !markers.TryGetValue(head[a..(b + 1)], out var forms)) { yield return head; yield break; }
        foreach (var f in forms)
            foreach (var e in Expand(head[..a] + f + head[(b + 1)..], markers)) yield return e;
    }

    private static string RegularPlural(string p) =>
        p.EndsWith("ss", StringComparison.Ordinal) ? p + "es" : p.EndsWith('y') && p.Length > 1 && !"aeiou".Contains(p[^2]) ? p[..^1] + "ies" : p + "s";

    private static DatedCode? ParseCode(string text)
    {
        if (!text.StartsWith('[')) return null;
        int close = text.IndexOf(']');
        var inner = (close < 0 ? text[1..] : text[1..close]).Trim();
        if (inner.Length == 0) return null;
        var parts = inner.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string code = parts[0];
        if (!code.All(ch => char.IsAsciiLetterOrDigit(ch))) return null;
        if (parts.Length == 1) return new DatedCode(code, null, null);
        var r = parts[1];
        try
        {
            if (r[0] == '<') return new DatedCode(code, null, Date(r[1..]));
            if (r[0] == '>') return new DatedCode(code, Date(r[1..]), null);
            int dash = r.IndexOf('-');
            if (dash > 0) return new DatedCode(code, Date(r[..dash]), Date(r[(dash + 1)..]));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
            // The published Phoenix files contain a few mistyped dates ("9008223-911221"): skip that restriction only.
            return null;
        }
        return new DatedCode(code, null, null);
    }

    /// <summary>YYYYMMDD or YYMMDD (two-digit years: 00–29 → 20xx, else 19xx, as TABARI reads them).</summary>
    private static DateOnly Date(string s)
    {
        if (s.Length == 8) return DateOnly.ParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture);
        if (s.Length == 6)
        {
            int yy = int.Parse(s[..2], CultureInfo.InvariantCulture);
            int month = int.Parse(s[2..4], CultureInfo.InvariantCulture), day = int.Parse(s[4..], CultureInfo.InvariantCulture);
            return new DateOnly(yy < 30 ? 2000 + yy : 1900 + yy, Math.Clamp(month, 1, 12), Math.Clamp(day, 1, 28));
        }
        throw new FormatException();
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf('#');
        int semi = line.IndexOf(';');
        int cut = hash < 0 ? semi : semi < 0 ? hash : Math.Min(hash, semi);
        return cut < 0 ? line : line[..cut];
    }

    private static string PhraseOf(string s) => string.Join(' ', s.Replace('_', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
