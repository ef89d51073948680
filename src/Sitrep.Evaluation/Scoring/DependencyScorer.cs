using Sitrep.Text.Formats;

namespace Sitrep.Evaluation.Scoring;

/// <summary>Attachment scores over all words (punctuation included, as in the CoNLL 2018 shared task).</summary>
/// <param name="Las">Head and full relation (with subtype, e.g. <c>nsubj:pass</c>) correct.</param>
/// <param name="LasUniversal">Head and universal relation (part before ':') correct: the CoNLL 2018 LAS.</param>
public sealed record DependencyScores(int Words, double Uas, double Las, double LasUniversal);

public static class DependencyScorer
{
    public static DependencyScores Score(IReadOnlyList<ConlluSentence> gold, Document predicted)
    {
        long uas = 0, las = 0, lasU = 0, total = 0;
        int t = 0;
        foreach (var s in gold)
        {
            int start = t;
            foreach (var w in s.Words)
            {
                if (t >= predicted.TokenCount) throw new ArgumentException("document has fewer tokens than the gold sentences have words");
                ref readonly var p = ref predicted.TokenAt(t++);
                if (!s.HasTree) continue;
                total++;
                int goldHead = w.Head == 0 ? -1 : start + w.Head - 1;
                if (p.Head != goldHead) continue;
                uas++;
                if (string.Equals(p.Relation, w.Deprel, StringComparison.Ordinal)) las++;
                if (Universal(p.Relation).SequenceEqual(Universal(w.Deprel))) lasU++;
            }
        }
        if (t != predicted.TokenCount) throw new ArgumentException("document has more tokens than the gold sentences have words");
        double d = Math.Max(1, total);
        return new DependencyScores((int)total, uas / d, las / d, lasU / d);
    }

    /// <summary>The most frequent label errors on correctly attached words, as "gold→predicted (UPOS)", most frequent first.</summary>
    public static List<(string Error, int Count)> LabelErrors(IReadOnlyList<ConlluSentence> gold, Document predicted, int top)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int t = 0;
        foreach (var s in gold)
        {
            int start = t;
            foreach (var w in s.Words)
            {
                if (t >= predicted.TokenCount) break;
                ref readonly var p = ref predicted.TokenAt(t++);
                if (!s.HasTree) continue;
                int goldHead = w.Head == 0 ? -1 : start + w.Head - 1;
                if (p.Head != goldHead || string.Equals(p.Relation, w.Deprel, StringComparison.Ordinal)) continue;
                string key = $"{w.Deprel}→{p.Relation}  ({p.Pos})";
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        var list = new List<(string, int)>();
        foreach (var (k, v) in counts) list.Add((k, v));
        list.Sort((a, b) => a.Item2 != b.Item2 ? b.Item2.CompareTo(a.Item2) : string.CompareOrdinal(a.Item1, b.Item1));
        if (list.Count > top) list.RemoveRange(top, list.Count - top);
        return list;
    }

    private static ReadOnlySpan<char> Universal(string? label)
    {
        if (label is null) return [];
        int i = label.IndexOf(':');
        return i < 0 ? label : label.AsSpan(0, i);
    }
}
