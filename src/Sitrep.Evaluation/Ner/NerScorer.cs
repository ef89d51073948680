using System.Text;
using Sitrep.Models;

namespace Sitrep.Evaluation.Ner;

/// <summary>
/// Exact-span entity scoring as seqeval does it (micro precision/recall/F1 over (start, end, type) spans, and per type).
/// The gold words become a <see cref="Document"/> (one token per word, one sentence per gold sentence, one document per
/// `newdoc`/`-DOCSTART-`), the given stages run on it, and the resulting entity mentions are mapped back to word spans.
/// Predicted types are mapped onto the gold label set: PERSON → PER, ORG → ORG, GPE/LOC/FAC → LOC (UNER, CoNLL and
/// GUM-as-read have no GPE/FAC); NORP is not scored, since these gold sets leave nationalities untagged.
/// </summary>
public sealed class NerScorer(IReadOnlyList<IStage> stages, int maxErrors = 0)
{
    public sealed record Result(NerCounts Counts, IReadOnlyList<string> Errors, long Tokens)
    {
        public MetricReport ToReport(string title)
        {
            var r = new MetricReport(title);
            r.AddCount("sentences_tokens", Tokens);
            r.AddCount("gold_entities", Counts.Gold);
            r.AddCount("predicted_entities", Counts.Predicted);
            r.Add("ner_precision", Counts.Precision).Add("ner_recall", Counts.Recall).Add("ner_f1", Counts.F1);
            foreach (var (type, c) in Counts.PerType)
            {
                string t = type.ToLowerInvariant();
                var prf = Prf.From(c.Tp, c.Pred, c.Gold);
                r.Add("ner_precision_" + t, prf.Precision).Add("ner_recall_" + t, prf.Recall).Add("ner_f1_" + t, prf.F1);
            }
            // seqeval's macro average over types, as `ner_f1_per` is one of them; the name follows seqeval's report.
            double macro = 0;
            foreach (var (_, c) in Counts.PerType) macro += NerCounts.F1Of(c);
            r.Add("ner_f1_macro", Counts.PerType.Count == 0 ? 0 : macro / Counts.PerType.Count);
            return r;
        }
    }

    public static string? GoldType(EntityType type) => type switch
    {
        EntityType.PERSON => "PER",
        EntityType.ORG => "ORG",
        EntityType.GPE or EntityType.LOC or EntityType.FAC => "LOC",
        _ => null,
    };

    public Result Score(IReadOnlyList<NerSentence> gold)
    {
        var counts = new NerCounts();
        var errors = new List<string>();
        long tokens = 0;
        int i = 0;
        while (i < gold.Count)
        {
            int j = i + 1;
            while (j < gold.Count && !gold[j].NewDocument) j++;
            tokens += ScoreDocument(gold, i, j, counts, errors);
            i = j;
        }
        return new Result(counts, errors, tokens);
    }

    private long ScoreDocument(IReadOnlyList<NerSentence> gold, int from, int to, NerCounts counts, List<string> errors)
    {
        var sb = new StringBuilder();
        var offsets = new List<(int Start, int Length)>();
        for (int s = from; s < to; s++)
        {
            if (s > from) sb.Append('\n');
            foreach (var w in gold[s].Words)
            {
                if (sb.Length > 0 && sb[^1] != '\n') sb.Append(' ');
                offsets.Add((sb.Length, w.Length));
                sb.Append(w);
            }
        }
        var doc = new Document(sb.ToString());
        int k = 0;
        for (int s = from; s < to; s++)
        {
            int first = k;
            for (int w = 0; w < gold[s].Words.Length; w++, k++)
            {
                var flags = (w == 0 ? TokenFlags.SentenceStart : TokenFlags.None) | TokenFlags.SpaceAfter;
                doc.AddToken(new TokenData(offsets[k].Start, offsets[k].Length, TokenKind.Word, flags));
            }
            if (k > first) doc.AddSentence(new Sentence(offsets[first].Start, offsets[k - 1].Start + offsets[k - 1].Length, first, k));
        }
        foreach (var stage in stages) stage.Process(doc);

        var byStart = new Dictionary<int, int>();
        var byEnd = new Dictionary<int, int>();
        for (int t = 0; t < offsets.Count; t++) { byStart[offsets[t].Start] = t; byEnd[offsets[t].Start + offsets[t].Length] = t; }
        var predicted = new List<(int Start, int End, string Type)>();
        foreach (var e in doc.Entities)
        {
            if (GoldType(e.Type) is not { } type) continue;
            foreach (var m in e.Mentions)
                if (byStart.TryGetValue(m.Start, out int a) && byEnd.TryGetValue(m.End, out int b)) predicted.Add((a, b + 1, type));
        }
        predicted.Sort();
        k = 0;
        int p = 0;
        for (int s = from; s < to; s++)
        {
            int first = k, end = k + gold[s].Words.Length;
            var g = new List<NerSpan>();
            foreach (var span in EntityRecognizer.SpansOfIob2(gold[s].Tags)) g.Add(span with { Start = span.Start, End = span.End });
            var pr = new List<NerSpan>();
            while (p < predicted.Count && predicted[p].Start < end)
            {
                var (a, b, t) = predicted[p++];
                if (a >= first && b <= end) pr.Add(new NerSpan(a - first, b - first, t));
            }
            counts.Add(g, pr);
            if (errors.Count < maxErrors && !SameSpans(g, pr))
                errors.Add($"line {gold[s].LineNumber}: {Render(gold[s].Words, g)}\n  predicted: {Render(gold[s].Words, pr)}");
            k = end;
        }
        return offsets.Count;
    }

    private static bool SameSpans(List<NerSpan> a, List<NerSpan> b)
    {
        if (a.Count != b.Count) return false;
        foreach (var x in a) if (!b.Contains(x)) return false;
        return true;
    }

    private static string Render(string[] words, List<NerSpan> spans)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < words.Length; i++)
        {
            foreach (var s in spans) if (s.Start == i) sb.Append('[');
            sb.Append(words[i]);
            foreach (var s in spans) if (s.End == i + 1) sb.Append(']').Append(s.Type);
            if (i + 1 < words.Length) sb.Append(' ');
        }
        return sb.ToString();
    }
}
