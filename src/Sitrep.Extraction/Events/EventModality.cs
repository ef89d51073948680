namespace Sitrep.Extraction.Events;

/// <summary>
/// The modality of a predicate over the dependency parse (docs/events.md): negation and modal or future auxiliaries of
/// the predicate, then up through its governors (control and complement verbs of the lexicon, purpose and conditional
/// clauses, coordination). Read-only over one document's parse; built once per document by the event coder.
/// </summary>
internal sealed class EventModality(DependencyView view, EventLexicon lexicon)
{
    private static readonly HashSet<string> s_aspectual = new(StringComparer.OrdinalIgnoreCase)
        { "begin", "start", "resume", "continue", "happen", "occur", "take", "come", "be", "get", "go", "end", "break", "erupt", "launch" };
    private static readonly HashSet<string> s_ready = new(StringComparer.OrdinalIgnoreCase) { "ready", "willing", "prepared", "eager" };

    /// <summary>Modality from the predicate's own auxiliaries and negation, then up through its governors.</summary>
    public (Modality Modality, bool Negated) Of(int p)
    {
        bool negated = false;
        var m = Modality.Asserted;
        bool noun = view.Pos(p) is Upos.NOUN or Upos.PROPN;
        foreach (var c in view.Children(p))
        {
            var rel = view.Rel(c);
            string lemma = view.Lemma(c).ToLowerInvariant();
            if (rel is "advmod" or "neg" or "det" && lemma is "not" or "never" or "n't" or "no") negated = true;
        }
        int cur = p;
        for (int step = 0; step < 8; step++)
        {
            foreach (var c in view.Children(cur))
            {
                var rel = view.Rel(c);
                string lemma = view.Lemma(c).ToLowerInvariant();
                if (rel == "aux")
                {
                    if (lemma is "will" or "shall" or "'ll" or "wo") m = Stronger(m, Modality.Future);
                    // "said it would deliver": reported "would" is the future seen from the past, unless a condition follows.
                    else if (lemma == "would" && IsReportedClause(cur) && !HasCondition(cur)) m = Stronger(m, Modality.Future);
                    else if (lemma is "would" or "could" or "might" or "may" or "should" or "must" or "can" or "ca") m = Stronger(m, Modality.Hypothetical);
                }
                else if (rel == "mark" && lemma is "if" or "unless" or "whether") m = Stronger(m, Modality.Hypothetical);
                else if (cur != p && rel is "advmod" && lemma is "not" or "never" or "n't") m = Stronger(m, Modality.Negated);
            }
            int h = view.Head(cur);
            if (h < 0) break;
            string r = view.Rel(cur);
            if (r is "xcomp" or "ccomp" or "csubj" || (noun && cur == p && r is "obj" or "obl" or "nsubj:pass" or "xcomp"))
            {
                m = Stronger(m, GovernorModality(h, r == "ccomp"));
                cur = h;
                continue;
            }
            if (noun && cur == p && r == "nsubj")
            {
                if (s_aspectual.Contains(view.Lemma(h)) || view.Child(h, "cop") >= 0) { cur = h; continue; }
                break;
            }
            if (r == "advcl")
            {
                if (view.CaseOf(cur) is "to" or "if" or "unless" or "so" or "in order") m = Stronger(m, Modality.Hypothetical);
                cur = h;
                continue;
            }
            if (r == "conj") { cur = h; continue; }
            if (r == "acl" && view.CaseOf(cur) == "to") m = Stronger(m, Modality.Hypothetical);
            break;
        }
        if (negated) m = Modality.Negated;
        return (m, negated || m == Modality.Negated);
    }

    private bool IsReportedClause(int v) =>
        view.Rel(v) is "ccomp" or "parataxis" && view.Head(v) is var h && h >= 0 && lexicon.Verbs.TryGetValue(view.Lemma(h), out var rows)
        && rows.Any(r => (r.Flags & PredicateFlags.Speech) != 0);

    /// <summary>An "if"/"unless" clause hangs on <paramref name="v"/>.</summary>
    public bool HasCondition(int v)
    {
        foreach (var c in view.Children(v))
            if (view.Rel(c) == "advcl" && view.CaseOf(c) is "if" or "unless") return true;
        return false;
    }

    private Modality GovernorModality(int g, bool clausal)
    {
        if (view.Lemma(g).Equals("go", StringComparison.OrdinalIgnoreCase) && view.Child(g, "aux") >= 0) return Modality.Future;
        // "ready to sit down with Kyiv", "willing to accept mediation": a stated readiness is about the future.
        if (view.Pos(g) == Upos.ADJ && s_ready.Contains(view.Lemma(g))) return Modality.Future;
        if (!lexicon.Verbs.TryGetValue(view.Lemma(g), out var rows)) return Modality.Asserted;
        var flags = PredicateFlags.None;
        foreach (var r in rows) flags |= r.Flags;
        if ((flags & PredicateFlags.Negative) != 0) return Modality.Negated;
        if ((flags & PredicateFlags.Irrealis) != 0) return Modality.Hypothetical;
        if ((flags & PredicateFlags.Future) != 0) return Modality.Future;
        return Modality.Asserted;
    }

    public static Modality Stronger(Modality a, Modality b) => Rank(b) > Rank(a) ? b : a;
    private static int Rank(Modality m) => m switch { Modality.Negated => 3, Modality.Hypothetical => 2, Modality.Future => 1, _ => 0 };
}
