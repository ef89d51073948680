using System.Text;

namespace Sitrep.Evaluation.Events;

/// <summary>The figures of `sitrep eval events`.</summary>
public sealed record EventScores(
    long Gold, long Predicted, long RootMatched, long CodeMatched,
    long PloverGold, long PloverPredicted, long PloverMatched,
    long ActorCorrect, long PloverOnFoundCorrect, long PloverOnFound,
    long NonAssertedAsAsserted, long NonAssertedGold, long NonAssertedLabelled,
    int Documents, IReadOnlyList<string> Errors)
{
    public Prf Root => Prf.From(RootMatched, Predicted, Gold);
    public Prf Code => Prf.From(CodeMatched, Predicted, Gold);
    public Prf PloverPrf => Prf.From(PloverMatched, PloverPredicted, PloverGold);
    public double ActorAccuracy => RootMatched == 0 ? 0 : (double)ActorCorrect / RootMatched;
    public double PloverAccuracy => PloverOnFound == 0 ? 0 : (double)PloverOnFoundCorrect / PloverOnFound;

    public MetricReport ToReport(string title) => new MetricReport(title)
        .AddPrf("event_root", RootMatched, Predicted, Gold)
        .AddPrf("event_code", CodeMatched, Predicted, Gold)
        .AddPrf("plover", PloverMatched, PloverPredicted, PloverGold)
        .Add("actor_accuracy", ActorAccuracy)
        .Add("plover_accuracy_on_found", PloverAccuracy)
        .AddCount("nonasserted_as_asserted", NonAssertedAsAsserted)
        .AddCount("nonasserted_gold", NonAssertedGold)
        .AddCount("nonasserted_labelled", NonAssertedLabelled)
        .AddCount("gold_events", Gold)
        .AddCount("system_events", Predicted)
        .AddCount("records", Documents);
}

/// <summary>
/// Scores coded events against gold records (docs/events.md, docs/annotation-events.md §2, §4):
/// <list type="bullet">
/// <item><c>event_root_f1</c>: one-to-one matches on (source country key, target country key, CAMEO root);</item>
/// <item><c>event_code_f1</c>: the same with the full CAMEO code;</item>
/// <item><c>plover_f1</c>: (source key, target key, PLOVER type), over the events of either side that have a PLOVER type;</item>
/// <item><c>actor_accuracy</c>: root-matched events whose full source and target codes both equal the gold ones.</item>
/// </list>
/// The country key of a state actor is its first three letters; of a group code (IGO…, NGO…, IMG…) the whole code.
/// Only the system's asserted and reported events are predictions; they are de-duplicated per record on (source, target,
/// code), as the gold is. A prediction left unmatched that matches a gold non-asserted entry on the root key is counted in
/// <c>nonasserted_as_asserted</c> (target 0). Records with no gold event still count their predictions as false positives.
/// </summary>
public sealed class EventScorer(Func<GoldEventDocument, IReadOnlyList<CodedEvent>> code, int maxErrors = 0)
{
    private static readonly string[] GroupPrefixes = ["IGO", "NGO", "IMG", "MNC", "UIS"];

    public static string? CountryKey(string? actor)
    {
        if (actor is null) return null;
        foreach (var p in GroupPrefixes) if (actor.StartsWith(p, StringComparison.Ordinal)) return actor;
        return actor.Length <= 3 ? actor : actor[..3];
    }

    public static bool Counts(CodedEvent e) => e.Modality is "asserted" or "reported";

    public EventScores Score(IEnumerable<GoldEventDocument> documents)
    {
        long gold = 0, predicted = 0, rootTp = 0, codeTp = 0, pGold = 0, pPred = 0, pTp = 0, actorOk = 0, plOk = 0, plFound = 0, nonHit = 0, nonGold = 0, nonLabelled = 0;
        int docs = 0;
        var errors = new List<string>();
        foreach (var doc in documents)
        {
            docs++;
            var all = code(doc);
            var system = new List<CodedEvent>();
            var seen = new HashSet<(string?, string?, string?)>();
            foreach (var e in all)
                if (Counts(e) && seen.Add((e.Source, e.Target, e.Cameo ?? e.Plover))) system.Add(e);
            gold += doc.Events.Count;
            predicted += system.Count;
            nonGold += doc.NonAsserted.Count;

            // Root matching first, preferring pairs that also agree on the full code and the actors.
            var rootPairs = Match(doc.Events, system, (g, s) => Root(g.Cameo) is { } r && r == Root(s.Cameo) && SameKeys(g, s),
                (g, s) => (g.Cameo == s.Cameo ? 2 : 0) + (g.Source == s.Source && g.Target == s.Target ? 1 : 0));
            rootTp += rootPairs.Count;
            foreach (var (g, s) in rootPairs)
            {
                if (g.Source == s.Source && g.Target == s.Target) actorOk++;
                if (g.Plover is not null) { plFound++; if (g.Plover == s.Plover) plOk++; }
            }
            codeTp += Match(doc.Events, system, (g, s) => g.Cameo is not null && g.Cameo == s.Cameo && SameKeys(g, s), (_, _) => 0).Count;
            var gp = doc.Events.Where(e => e.Plover is not null).ToList();
            var sp = system.Where(e => e.Plover is not null).ToList();
            pGold += gp.Count;
            pPred += sp.Count;
            pTp += Match(gp, sp, (g, s) => g.Plover == s.Plover && SameKeys(g, s), (_, _) => 0).Count;

            var matchedSystem = new HashSet<CodedEvent>(rootPairs.Select(p => p.System), ReferenceEqualityComparer.Instance);
            foreach (var s in system)
                if (!matchedSystem.Contains(s) && doc.NonAsserted.Any(n => Root(n.Cameo) == Root(s.Cameo) && SameKeys(n, s))) nonHit++;
            foreach (var n in doc.NonAsserted)
                if (all.Any(s => !Counts(s) && Root(n.Cameo) == Root(s.Cameo) && SameKeys(n, s))) nonLabelled++;

            if (errors.Count < maxErrors && (rootPairs.Count != doc.Events.Count || rootPairs.Count != system.Count))
            {
                var sb = new StringBuilder();
                sb.Append(doc.Id).Append(": ").Append(doc.Text).Append('\n');
                var matchedGold = new HashSet<CodedEvent>(rootPairs.Select(p => p.Gold), ReferenceEqualityComparer.Instance);
                foreach (var g in doc.Events) if (!matchedGold.Contains(g)) sb.Append("  missed   ").Append(Show(g)).Append('\n');
                foreach (var s in system) if (!matchedSystem.Contains(s)) sb.Append("  spurious ").Append(Show(s)).Append('\n');
                foreach (var s in all) if (!Counts(s)) sb.Append("  (").Append(s.Modality).Append(") ").Append(Show(s)).Append('\n');
                errors.Add(sb.ToString());
            }
        }
        return new EventScores(gold, predicted, rootTp, codeTp, pGold, pPred, pTp, actorOk, plOk, plFound, nonHit, nonGold, nonLabelled, docs, errors);
    }

    private static string Show(CodedEvent e) => $"{e.Source ?? "-"} {e.Target ?? "-"} {e.Cameo ?? "-"} {e.Plover ?? "-"}";

    private static string? Root(string? cameo) => cameo is { Length: >= 2 } ? cameo[..2] : null;

    private static bool SameKeys(CodedEvent g, CodedEvent s) =>
        CountryKey(g.Source) is { } gs && gs == CountryKey(s.Source) && CountryKey(g.Target) is { } gt && gt == CountryKey(s.Target);

    /// <summary>Greedy one-to-one matching: for each gold event, the compatible unused system event with the best preference.</summary>
    private static List<(CodedEvent Gold, CodedEvent System)> Match(IReadOnlyList<CodedEvent> gold, IReadOnlyList<CodedEvent> system,
        Func<CodedEvent, CodedEvent, bool> compatible, Func<CodedEvent, CodedEvent, int> preference)
    {
        var candidates = new List<(int G, int S, int Pref)>();
        for (int g = 0; g < gold.Count; g++)
            for (int s = 0; s < system.Count; s++)
                if (compatible(gold[g], system[s])) candidates.Add((g, s, preference(gold[g], system[s])));
        candidates.Sort((a, b) => b.Pref != a.Pref ? b.Pref.CompareTo(a.Pref) : a.G != b.G ? a.G.CompareTo(b.G) : a.S.CompareTo(b.S));
        var usedG = new bool[gold.Count];
        var usedS = new bool[system.Count];
        var pairs = new List<(CodedEvent, CodedEvent)>();
        foreach (var (g, s, _) in candidates)
        {
            if (usedG[g] || usedS[s]) continue;
            usedG[g] = usedS[s] = true;
            pairs.Add((gold[g], system[s]));
        }
        return pairs;
    }
}
