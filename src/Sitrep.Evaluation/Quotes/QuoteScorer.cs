using System.Text;

namespace Sitrep.Evaluation.Quotes;

/// <summary>
/// Scores quotations (issue #6, docs/quotes.md). A predicted quote matches a gold quote of the same kind when their
/// content spans overlap by at least half of the longer span; each gold and each predicted quote matches at most once
/// (greedy, best overlap first). Speaker accuracy is over matched quotes: with a gold speaker span, correct when the
/// predicted speaker entity has a mention overlapping it; with an anonymous gold speaker (null), correct when the
/// prediction names no entity either.
/// </summary>
public sealed class QuoteScorer(Func<GoldQuoteDocument, Document> analyse, int maxErrors = 0)
{
    public const double MinOverlap = 0.5;

    public sealed class Counts
    {
        public readonly long[] Gold = new long[3], Predicted = new long[3], Matched = new long[3];
        public long SpeakerCorrect, SpeakerMatched, NamedCorrect, NamedMatched, AnonymousCorrect, AnonymousMatched;
        public int Documents;
    }

    public sealed record Result(Counts Counts, IReadOnlyList<string> Errors)
    {
        public MetricReport ToReport(string title)
        {
            var c = Counts;
            var r = new MetricReport(title);
            r.AddCount("documents", c.Documents);
            r.AddCount("gold_quotes", c.Gold.Sum());
            r.AddCount("predicted_quotes", c.Predicted.Sum());
            r.AddCount("matched_quotes", c.Matched.Sum());
            r.AddPrf("quote", c.Matched.Sum(), c.Predicted.Sum(), c.Gold.Sum());
            string[] names = ["direct_quote", "indirect_quote", "partial_quote"];
            for (int k = 0; k < 3; k++) r.AddPrf(names[k], c.Matched[k], c.Predicted[k], c.Gold[k]);
            r.Add("speaker_accuracy", c.SpeakerMatched == 0 ? 0 : (double)c.SpeakerCorrect / c.SpeakerMatched);
            r.Add("speaker_accuracy_named", c.NamedMatched == 0 ? 0 : (double)c.NamedCorrect / c.NamedMatched);
            r.Add("speaker_accuracy_anonymous", c.AnonymousMatched == 0 ? 0 : (double)c.AnonymousCorrect / c.AnonymousMatched);
            return r;
        }
    }

    public Result Score(IEnumerable<GoldQuoteDocument> gold)
    {
        var counts = new Counts();
        var errors = new List<string>();
        foreach (var g in gold)
        {
            var doc = analyse(g);
            ScoreDocument(g, doc, counts, errors);
        }
        return new Result(counts, errors);
    }

    /// <summary>Scores one analysed document against its gold quotes (public for tests).</summary>
    public void ScoreDocument(GoldQuoteDocument g, Document doc, Counts counts, List<string> errors)
    {
        counts.Documents++;
        var predicted = doc.Quotes;
        foreach (var q in g.Quotes) counts.Gold[(int)q.Kind]++;
        foreach (var p in predicted) counts.Predicted[(int)p.Kind]++;
        var pairs = new List<(double Overlap, int Gold, int Pred)>();
        for (int i = 0; i < g.Quotes.Count; i++)
            for (int j = 0; j < predicted.Count; j++)
            {
                var a = g.Quotes[i];
                var b = predicted[j];
                if (a.Kind != b.Kind) continue;
                double o = Overlap(a.Start, a.End, b.Start, b.End);
                if (o >= MinOverlap) pairs.Add((o, i, j));
            }
        pairs.Sort((x, y) => x.Overlap != y.Overlap ? y.Overlap.CompareTo(x.Overlap) : x.Gold != y.Gold ? x.Gold.CompareTo(y.Gold) : x.Pred.CompareTo(y.Pred));
        var goldUsed = new bool[g.Quotes.Count];
        var predUsed = new bool[predicted.Count];
        foreach (var (_, i, j) in pairs)
        {
            if (goldUsed[i] || predUsed[j]) continue;
            goldUsed[i] = predUsed[j] = true;
            var gq = g.Quotes[i];
            counts.Matched[(int)gq.Kind]++;
            bool correct = SpeakerCorrect(gq, predicted[j], doc);
            counts.SpeakerMatched++;
            if (correct) counts.SpeakerCorrect++;
            if (gq.SpeakerStart is null) { counts.AnonymousMatched++; if (correct) counts.AnonymousCorrect++; }
            else { counts.NamedMatched++; if (correct) counts.NamedCorrect++; }
            if (!correct) Report(errors, $"{g.Id}: speaker of {Describe(g.Text, gq.Start, gq.End)}: gold {(gq.SpeakerStart is { } s ? Describe(g.Text, s, gq.SpeakerEnd!.Value) : "anonymous")}, predicted {predicted[j].Speaker ?? "none"} ({predicted[j].SpeakerText})");
        }
        for (int i = 0; i < g.Quotes.Count; i++)
            if (!goldUsed[i]) Report(errors, $"{g.Id}: missed {g.Quotes[i].Kind.ToString().ToLowerInvariant()} {Describe(g.Text, g.Quotes[i].Start, g.Quotes[i].End)}");
        for (int j = 0; j < predicted.Count; j++)
            if (!predUsed[j]) Report(errors, $"{g.Id}: spurious {predicted[j].Kind.ToString().ToLowerInvariant()} {Describe(doc.Text, predicted[j].Start, predicted[j].End)}");
    }

    /// <summary>Shared length over the longer span's length.</summary>
    public static double Overlap(int aStart, int aEnd, int bStart, int bEnd)
    {
        int shared = Math.Min(aEnd, bEnd) - Math.Max(aStart, bStart);
        if (shared <= 0) return 0;
        return (double)shared / Math.Max(aEnd - aStart, bEnd - bStart);
    }

    public static bool SpeakerCorrect(GoldQuote gold, Quote predicted, Document doc)
    {
        if (gold.SpeakerStart is not { } s || gold.SpeakerEnd is not { } e) return predicted.Speaker is null;
        if (predicted.Speaker is null) return false;
        foreach (var entity in doc.Entities)
        {
            if (entity.Id != predicted.Speaker) continue;
            foreach (var m in entity.Mentions) if (m.Start < e && s < m.End) return true;
        }
        return false;
    }

    private void Report(List<string> errors, string line)
    {
        if (errors.Count < maxErrors) errors.Add(line);
    }

    private static string Describe(string text, int start, int end)
    {
        var sb = new StringBuilder();
        sb.Append('[').Append(start).Append(',').Append(end).Append(") \"");
        var span = text.AsSpan(start, Math.Min(end - start, 90));
        foreach (char c in span) sb.Append(c == '\n' ? ' ' : c);
        if (end - start > 90) sb.Append('…');
        return sb.Append('"').ToString();
    }
}
