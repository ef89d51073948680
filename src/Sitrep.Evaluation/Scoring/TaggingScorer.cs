using Sitrep.Text.Formats;

namespace Sitrep.Evaluation.Scoring;

/// <summary>Accuracies over gold-tokenized words, as fractions 0..1.</summary>
public sealed record TaggingScores(int Words, double Upos, double Xpos, double Lemma);

/// <summary>Scores UPOS, XPOS and lemma of a document built from gold sentences (one token per word) against the gold.</summary>
public static class TaggingScorer
{
    public static TaggingScores Score(IReadOnlyList<ConlluSentence> gold, Document predicted)
    {
        long upos = 0, xpos = 0, lemma = 0, total = 0;
        int t = 0;
        foreach (var s in gold)
        {
            foreach (var w in s.Words)
            {
                if (t >= predicted.TokenCount) throw new ArgumentException("document has fewer tokens than the gold sentences have words");
                ref readonly var p = ref predicted.TokenAt(t++);
                total++;
                if (p.Pos == w.UposTag) upos++;
                if (string.Equals(p.Tag, w.Xpos ?? "_", StringComparison.Ordinal)) xpos++;
                if (string.Equals(p.Lemma, w.Lemma ?? "_", StringComparison.Ordinal)) lemma++;
            }
        }
        if (t != predicted.TokenCount) throw new ArgumentException("document has more tokens than the gold sentences have words");
        double d = Math.Max(1, total);
        return new TaggingScores((int)total, upos / d, xpos / d, lemma / d);
    }

    /// <summary>The most frequent lemma errors as "form gold→predicted (goldUPOS/predictedUPOS)", most frequent first.</summary>
    public static List<(string Error, int Count)> LemmaErrors(IReadOnlyList<ConlluSentence> gold, Document predicted, int top)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int t = 0;
        foreach (var s in gold)
        {
            foreach (var w in s.Words)
            {
                if (t >= predicted.TokenCount) break;
                ref readonly var p = ref predicted.TokenAt(t++);
                if (string.Equals(p.Lemma, w.Lemma ?? "_", StringComparison.Ordinal)) continue;
                string key = $"{w.Form}  {w.Lemma}→{p.Lemma}  ({w.UposTag}/{p.Pos})";
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        var list = new List<(string, int)>();
        foreach (var (k, v) in counts) list.Add((k, v));
        list.Sort((a, b) => a.Item2 != b.Item2 ? b.Item2.CompareTo(a.Item2) : string.CompareOrdinal(a.Item1, b.Item1));
        if (list.Count > top) list.RemoveRange(top, list.Count - top);
        return list;
    }
}
