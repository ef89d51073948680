using Sitrep.Learning;

namespace Sitrep.Models;

/// <summary>
/// Lemmatizer learned from a treebank: an exception table per (form, UPOS) and per (lower-cased form, UPOS),
/// then suffix rules per (UPOS, last k ≤ 6 characters) learned from word types, for unseen words.
/// Reads <see cref="TokenData.Pos"/>; its data is stored in the POS model file (second section).
/// Immutable and thread-safe after loading.
/// </summary>
public sealed class Lemmatizer : IStage
{
    internal const string Description = "lemma/2:exact+xpos,exact,lower,suffix6";
    internal const int MaxSuffix = 6;

    private readonly string[] _lemmas;
    private readonly HashIndex _exceptions;
    private readonly HashIndex _rules;
    private readonly int[] _ruleStrip;
    private readonly string[] _ruleAppend;
    private readonly bool[] _keepCase;
    private readonly HashSet<string> _known;

    internal Lemmatizer(string[] lemmas, HashIndex exceptions, HashIndex rules, int[] ruleStrip, string[] ruleAppend, bool[] keepCase)
    {
        _lemmas = lemmas;
        _exceptions = exceptions;
        _rules = rules;
        _ruleStrip = ruleStrip;
        _ruleAppend = ruleAppend;
        _keepCase = keepCase;
        // Every lemma of the exception table (all training lemmas), to prefer a suffix rule whose output is a real word.
        _known = new HashSet<string>(lemmas.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var l in lemmas) _known.Add(l);
    }

    public string Name => "lemma";
    public IReadOnlyList<string> Requires { get; } = [Layers.Tokens, Layers.Pos];
    public IReadOnlyList<string> Produces { get; } = [Layers.Lemmas];

    /// <summary>Loads the lemmatizer section of a POS model file.</summary>
    public static Lemmatizer Load(string path)
    {
        var (_, r) = ModelFile.Read(path, PosTagger.ModelKind, PosTagger.FeatureSetHash);
        int taggerLength = r.ReadInt32();
        r.ReadBytes(taggerLength);
        return ReadSection(r);
    }

    internal static ulong TaggedKey(ReadOnlySpan<char> form, Upos upos, ReadOnlySpan<char> xpos) => FeatureHash.Of(4, FeatureHash.Chars(form), (ulong)upos, FeatureHash.Chars(xpos));
    internal static ulong ExactKey(ReadOnlySpan<char> form, Upos upos) => FeatureHash.Of(1, FeatureHash.Chars(form), (ulong)upos);
    internal static ulong LowerKey(ReadOnlySpan<char> form, Upos upos) => FeatureHash.Of(2, FeatureHash.LowerChars(form), (ulong)upos);
    internal static ulong RuleKey(ReadOnlySpan<char> lowerSuffix, Upos upos) => FeatureHash.Of(3, FeatureHash.LowerChars(lowerSuffix), (ulong)upos, (ulong)lowerSuffix.Length);

    public void Process(Document document)
    {
        var tokens = document.Tokens;
        for (int i = 0; i < tokens.Length; i++)
            tokens[i].Lemma = Lemmatize(PosTagger.FormOf(document, in tokens[i]), tokens[i].Pos, tokens[i].Tag);
    }

    public string Lemmatize(ReadOnlySpan<char> form, Upos upos, string? xpos = null)
    {
        int id;
        if (xpos is not null && _exceptions.TryGet(TaggedKey(form, upos, xpos), out id)) return _lemmas[id];
        if (_exceptions.TryGet(ExactKey(form, upos), out id)) return _lemmas[id];
        if (_exceptions.TryGet(LowerKey(form, upos), out id)) return _lemmas[id];
        if (upos == Upos.NUM && IsDigitGroups(form)) return StripCommas(form);
        // Suffix rules, longest suffix first; the first output that is a known lemma wins, else the longest rule's output.
        string? first = null;
        for (int k = Math.Min(MaxSuffix, form.Length); k >= 0; k--)
        {
            if (!_rules.TryGet(RuleKey(form[^k..], upos), out int rule) || _ruleStrip[rule] > form.Length) continue;
            string candidate = Apply(form, upos, rule);
            if (_known.Contains(candidate)) return candidate;
            first ??= candidate;
        }
        if (first is not null)
        {
            // e-restoration: "closest" → "clos" → "close", "aches" → "ach" → "ache".
            if (first.Length > 2 && first[^1] != 'e' && _known.Contains(first + "e")) return first + "e";
            return first;
        }
        return form.ToString();
    }

    /// <summary>"3200", "1,100", "6,606": digits, optionally in comma-separated groups of three (EWT lemmas drop the commas).</summary>
    private static bool IsDigitGroups(ReadOnlySpan<char> form)
    {
        if (form.Length == 0 || !char.IsAsciiDigit(form[0])) return false;
        int sinceComma = -1;
        for (int i = 0; i < form.Length; i++)
        {
            char c = form[i];
            if (char.IsAsciiDigit(c)) { if (sinceComma >= 0) sinceComma++; continue; }
            if (c != ',' || i == 0 || (sinceComma >= 0 && sinceComma != 3) || (sinceComma < 0 && i > 3)) return false;
            sinceComma = 0;
        }
        return sinceComma is -1 or 3;
    }

    private static string StripCommas(ReadOnlySpan<char> form)
    {
        if (form.IndexOf(',') < 0) return form.ToString();
        var sb = new System.Text.StringBuilder(form.Length);
        foreach (char c in form) if (c != ',') sb.Append(c);
        return sb.ToString();
    }

    private string Apply(ReadOnlySpan<char> form, Upos upos, int rule)
    {
        int strip = _ruleStrip[rule];
        bool keep = _keepCase[(int)upos] && form.Length > 0 && char.IsUpper(form[0]);
        string append = _ruleAppend[rule];
        int stem = form.Length - strip;
        return string.Create(stem + append.Length, (form.ToString(), stem, append, keep), static (dst, st) =>
        {
            var (f, stemLength, app, keepCase) = st;
            for (int j = 0; j < stemLength; j++) dst[j] = keepCase ? f[j] : char.ToLowerInvariant(f[j]);
            app.CopyTo(dst[stemLength..]);
        });
    }

    internal void WriteSection(ModelWriter w)
    {
        w.WriteStrings(_lemmas);
        _exceptions.WriteTo(w);
        _rules.WriteTo(w);
        w.WriteArray<int>(_ruleStrip);
        w.WriteStrings(_ruleAppend);
        var keep = new int[_keepCase.Length];
        for (int i = 0; i < keep.Length; i++) keep[i] = _keepCase[i] ? 1 : 0;
        w.WriteArray<int>(keep);
    }

    internal static Lemmatizer ReadSection(ModelReader r)
    {
        var lemmas = r.ReadStrings();
        var exceptions = HashIndex.ReadFrom(r);
        var rules = HashIndex.ReadFrom(r);
        var strip = r.ReadArray<int>();
        var append = r.ReadStrings();
        var keep = r.ReadArray<int>();
        if (strip.Length != append.Length || keep.Length != Enum.GetValues<Upos>().Length) throw r.Corrupt("bad lemmatizer tables");
        exceptions.Validate(lemmas.Length, r);
        rules.Validate(strip.Length, r);
        var keepCase = new bool[keep.Length];
        for (int i = 0; i < keep.Length; i++) keepCase[i] = keep[i] != 0;
        return new Lemmatizer(lemmas, exceptions, rules, strip, append, keepCase);
    }

    /// <summary>Learns the tables from gold (form, UPOS, lemma) triples.</summary>
    internal static Lemmatizer Train(IEnumerable<(string Form, Upos Upos, string Xpos, string Lemma)> words)
    {
        var tagged = new Dictionary<(string, Upos, string), Dictionary<string, int>>();
        var exact = new Dictionary<(string, Upos), Dictionary<string, int>>();
        var lower = new Dictionary<(string, Upos), Dictionary<string, int>>();
        var types = new HashSet<(string, Upos, string)>();
        var keepCounts = new int[Enum.GetValues<Upos>().Length, 2];
        foreach (var (form, upos, xpos, lemma) in words)
        {
            var tk = (form, upos, xpos);
            if (!tagged.TryGetValue(tk, out var tc)) tagged[tk] = tc = new Dictionary<string, int>(StringComparer.Ordinal);
            tc[lemma] = tc.GetValueOrDefault(lemma) + 1;
            Count(exact, (form, upos), lemma);
            string lf = form.ToLowerInvariant();
            Count(lower, (lf, upos), lemma);
            types.Add((lf, upos, lemma.ToLowerInvariant()));
            if (char.IsUpper(form[0]) && lemma.Length > 0)
                keepCounts[(int)upos, char.IsUpper(lemma[0]) ? 1 : 0]++;
        }

        var lemmaIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var lemmaList = new List<string>();
        var entries = new Dictionary<ulong, int>();
        int Intern(string s)
        {
            if (!lemmaIds.TryGetValue(s, out int id)) { id = lemmaList.Count; lemmaList.Add(s); lemmaIds.Add(s, id); }
            return id;
        }
        var taggedKeys = new List<(string Form, Upos Upos, string Xpos)>(tagged.Keys);
        taggedKeys.Sort((a, b) => a.Upos != b.Upos ? a.Upos.CompareTo(b.Upos) : string.CompareOrdinal(a.Form, b.Form) is int c && c != 0 ? c : string.CompareOrdinal(a.Xpos, b.Xpos));
        foreach (var key in taggedKeys)
            entries[TaggedKey(key.Form, key.Upos, key.Xpos)] = Intern(Best(tagged[key]));
        foreach (var ((form, upos), counts) in Sorted(exact))
            entries[ExactKey(form, upos)] = Intern(Best(counts));
        foreach (var ((form, upos), counts) in Sorted(lower))
            entries.TryAdd(LowerKey(form, upos), Intern(Best(counts)));

        // Suffix rules from types (each distinct word once), so frequent irregulars do not dominate.
        var ruleCounts = new Dictionary<(string Suffix, Upos Upos), Dictionary<(int, string), int>>();
        foreach (var (lf, upos, ll) in types)
        {
            int common = 0;
            while (common < lf.Length && common < ll.Length && lf[common] == ll[common]) common++;
            var edit = (lf.Length - common, ll[common..]);
            for (int k = 0; k <= Math.Min(MaxSuffix, lf.Length); k++)
            {
                var key = (lf[^k..], upos);
                if (!ruleCounts.TryGetValue(key, out var d)) ruleCounts[key] = d = [];
                d[edit] = d.GetValueOrDefault(edit) + 1;
            }
        }
        var ruleKeys = new Dictionary<ulong, int>();
        var strips = new List<int>();
        var appends = new List<string>();
        var ruleIds = new Dictionary<(int, string), int>();
        var sortedRules = new List<(string Suffix, Upos Upos)>(ruleCounts.Keys);
        sortedRules.Sort((a, b) => a.Upos != b.Upos ? a.Upos.CompareTo(b.Upos) : string.CompareOrdinal(a.Suffix, b.Suffix));
        foreach (var key in sortedRules)
        {
            var d = ruleCounts[key];
            (int, string) best = (0, "");
            int bestCount = -1;
            foreach (var (edit, c) in d)
            {
                if (c > bestCount || (c == bestCount && (edit.Item1 < best.Item1 || (edit.Item1 == best.Item1 && string.CompareOrdinal(edit.Item2, best.Item2) < 0))))
                {
                    best = edit;
                    bestCount = c;
                }
            }
            if (bestCount < 2 && key.Suffix.Length > 0) continue;
            if (!ruleIds.TryGetValue(best, out int rid))
            {
                rid = strips.Count;
                strips.Add(best.Item1);
                appends.Add(best.Item2);
                ruleIds.Add(best, rid);
            }
            ruleKeys[RuleKey(key.Suffix, key.Upos)] = rid;
        }

        var keepCase = new bool[keepCounts.GetLength(0)];
        for (int i = 0; i < keepCase.Length; i++) keepCase[i] = keepCounts[i, 1] > keepCounts[i, 0];
        return new Lemmatizer([.. lemmaList], HashIndex.Build(entries), HashIndex.Build(ruleKeys), [.. strips], [.. appends], keepCase);
    }

    private static void Count(Dictionary<(string, Upos), Dictionary<string, int>> d, (string, Upos) key, string lemma)
    {
        if (!d.TryGetValue(key, out var c)) d[key] = c = new Dictionary<string, int>(StringComparer.Ordinal);
        c[lemma] = c.GetValueOrDefault(lemma) + 1;
    }

    private static string Best(Dictionary<string, int> counts)
    {
        string best = "";
        int n = -1;
        foreach (var (s, c) in counts)
            if (c > n || (c == n && string.CompareOrdinal(s, best) < 0)) { best = s; n = c; }
        return best;
    }

    private static List<KeyValuePair<(string, Upos), Dictionary<string, int>>> Sorted(Dictionary<(string, Upos), Dictionary<string, int>> d)
    {
        var list = new List<KeyValuePair<(string, Upos), Dictionary<string, int>>>(d);
        list.Sort((a, b) => a.Key.Item2 != b.Key.Item2 ? a.Key.Item2.CompareTo(b.Key.Item2) : string.CompareOrdinal(a.Key.Item1, b.Key.Item1));
        return list;
    }
}
