namespace Sitrep.Extraction.Events;

[Flags]
public enum PredicateFlags
{
    None = 0,
    /// <summary>Coordinated subjects act on each other (A and B met → A→B and B→A).</summary>
    Recip = 1,
    /// <summary>The target acts back (clashed with, exchanged fire with) → a second event in reverse.</summary>
    Mutual = 2,
    /// <summary>A speech verb: events in its content clause are reported.</summary>
    Speech = 4,
    /// <summary>Its complement is hypothetical (threaten to, urge to, want to).</summary>
    Irrealis = 8,
    /// <summary>Its complement is future (plan to, promise to, agree to).</summary>
    Future = 16,
    /// <summary>Its complement did not happen (refuse to, deny, fail to).</summary>
    Negative = 32,
    /// <summary>A light verb: an event-noun object gives the code and the verb's subject its source.</summary>
    Light = 64,
    /// <summary>The target role names the giver and the subject the receiver ("received a loan from the UAE").</summary>
    Converse = 128,
}

/// <summary>One lexicon row: a verb or event noun, an optional particle/preposition, argument words, the code and target roles.</summary>
public sealed record PredicateEntry(bool Noun, string Lemma, string? Particle, IReadOnlySet<string>? Arguments, string? Code, IReadOnlyList<string> TargetRoles, PredicateFlags Flags, int Line)
{
    /// <summary>Rows that ask for more of the context win: particle and arguments, then arguments, then particle.</summary>
    public int Specificity => (Arguments is null ? 0 : 2) + (Particle is null ? 0 : 1);
}

/// <summary>
/// Sitrep's own event lexicon (<c>data/events/predicates.tsv</c>, format in its header and docs/events.md): verbs and event
/// nouns by lemma, looked up with spans. Immutable after loading.
/// </summary>
public sealed class EventLexicon
{
    public const string FileName = "predicates.tsv";

    private readonly Dictionary<string, PredicateEntry[]> _verbs;
    private readonly Dictionary<string, PredicateEntry[]> _nouns;

    public EventLexicon(IEnumerable<PredicateEntry> entries)
    {
        _verbs = Group(entries.Where(e => !e.Noun));
        _nouns = Group(entries.Where(e => e.Noun));
        Verbs = _verbs.GetAlternateLookup<ReadOnlySpan<char>>();
        Nouns = _nouns.GetAlternateLookup<ReadOnlySpan<char>>();
        MultiwordNouns = _nouns.Keys.Where(k => k.Contains(' ')).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public Dictionary<string, PredicateEntry[]>.AlternateLookup<ReadOnlySpan<char>> Verbs { get; }
    public Dictionary<string, PredicateEntry[]>.AlternateLookup<ReadOnlySpan<char>> Nouns { get; }
    /// <summary>Noun rows written as "modifier head" ("air strike", "car bomb").</summary>
    public IReadOnlySet<string> MultiwordNouns { get; }
    public int Count => _verbs.Values.Sum(v => v.Length) + _nouns.Values.Sum(v => v.Length);

    public PredicateEntry[]? NounRows(string key) => _nouns.GetValueOrDefault(key);

    private static Dictionary<string, PredicateEntry[]> Group(IEnumerable<PredicateEntry> entries) =>
        entries.GroupBy(e => e.Lemma, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Specificity).ThenBy(e => e.Line).ToArray(), StringComparer.OrdinalIgnoreCase);

    public static EventLexicon Load(string path, EventOntology? ontology = null)
    {
        var classes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var entries = new List<PredicateEntry>();
        foreach (var (line, cols) in DataFile.Rows(path, 3))
        {
            if (cols[0] == "C")
            {
                classes[cols[1]] = cols[2].Split('|');
                continue;
            }
            if (cols.Length < 6 || cols[0] is not ("V" or "N")) throw new SitrepInputException(path, "expected kind (V, N or C), lemma, particle, arguments, code, targets[, flags]", line);
            HashSet<string>? args = null;
            if (cols[3] != "_")
            {
                args = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var a in cols[3].Split('|'))
                {
                    if (a.StartsWith('@'))
                    {
                        if (!classes.TryGetValue(a[1..], out var words)) throw new SitrepInputException(path, $"unknown word class {a}", line);
                        args.UnionWith(words);
                    }
                    else args.Add(a);
                }
            }
            string? code = DataFile.Opt(cols[4]);
            if (code is not null && (!code.All(char.IsAsciiDigit) || (ontology is not null && !ontology.Contains(code))))
                throw new SitrepInputException(path, $"\"{code}\" is not a CAMEO code of the ontology", line);
            var flags = PredicateFlags.None;
            if (cols.Length > 6)
                foreach (var f in cols[6].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    flags |= f switch
                    {
                        "recip" => PredicateFlags.Recip,
                        "mutual" => PredicateFlags.Mutual,
                        "speech" => PredicateFlags.Speech,
                        "irrealis" => PredicateFlags.Irrealis,
                        "future" => PredicateFlags.Future,
                        "neg" => PredicateFlags.Negative,
                        "light" => PredicateFlags.Light,
                        "converse" => PredicateFlags.Converse,
                        _ => throw new SitrepInputException(path, $"unknown flag \"{f}\"", line),
                    };
            // "_": the default role, the object (the passive subject); "-": no target role.
            var targets = cols[5] switch { "-" => Array.Empty<string>(), "_" => ["obj"], _ => cols[5].Split('|') };
            entries.Add(new PredicateEntry(cols[0] == "N", cols[1], DataFile.Opt(cols[2]), args, code, targets, flags, line));
        }
        return new EventLexicon(entries);
    }
}
