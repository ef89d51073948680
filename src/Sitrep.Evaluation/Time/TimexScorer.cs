namespace Sitrep.Evaluation.Time;

/// <summary>
/// TempEval-3 task A for time expressions: each gold TIMEX3 is paired with at most one predicted expression
/// (an exact-span match first, else the first overlapping one). Strict P/R/F1 count exact spans, relaxed count any
/// overlap; type and value are scored on the relaxed pairs, as attribute F1 (correct attribute / predicted and / gold)
/// and as accuracy over the pairs. The DCT is the reference date and is not scored.
/// </summary>
public sealed class TimexScorer(Pipeline pipeline, int maxErrors = 0)
{
    public sealed record Result(long Documents, long Gold, long Predicted, long Strict, long Relaxed, long TypeCorrect, long ValueCorrect)
    {
        public IReadOnlyList<string> Errors { get; init; } = [];

        public MetricReport ToReport(string title)
        {
            var report = new MetricReport(title)
                .AddPrf("timex_strict", Strict, Predicted, Gold)
                .AddPrf("timex_relaxed", Relaxed, Predicted, Gold)
                .Add("timex_type_accuracy", Relaxed == 0 ? 0 : (double)TypeCorrect / Relaxed)
                .AddPrf("timex_type", TypeCorrect, Predicted, Gold)
                .Add("timex_value_accuracy", Relaxed == 0 ? 0 : (double)ValueCorrect / Relaxed)
                .AddPrf("timex_value", ValueCorrect, Predicted, Gold);
            return report.AddCount("documents", Documents).AddCount("gold_timexes", Gold).AddCount("predicted_timexes", Predicted);
        }
    }

    public Result Score(IEnumerable<TimeMlDocument> documents)
    {
        long docs = 0, gold = 0, predicted = 0, strict = 0, relaxed = 0, typeOk = 0, valueOk = 0;
        var errors = new List<string>();
        foreach (var gd in documents)
        {
            docs++;
            var metadata = new DocumentMetadata { Source = gd.Name, Published = gd.Dct is { } d ? new DateTimeOffset(d, TimeSpan.Zero) : null };
            var doc = pipeline.Process(new Document(gd.Text, metadata));
            var pred = doc.Times;
            gold += gd.Timexes.Count;
            predicted += pred.Count;
            var used = new bool[pred.Count];
            foreach (var g in gd.Timexes)
            {
                int match = -1;
                for (int p = 0; p < pred.Count; p++)
                    if (!used[p] && pred[p].Start == g.Start && pred[p].End == g.End) { match = p; break; }
                if (match < 0)
                    for (int p = 0; p < pred.Count; p++)
                        if (!used[p] && pred[p].Start < g.End && g.Start < pred[p].End) { match = p; break; }
                if (match < 0)
                {
                    Note(errors, $"missed    {Describe(g.Text, g.Type, g.Value, g.Mod)}  {Context(gd.Text, g.Start, g.End)}  [{gd.Name}]");
                    continue;
                }
                used[match] = true;
                var t = pred[match];
                relaxed++;
                if (t.Start == g.Start && t.End == g.End) strict++;
                if (t.Type == g.Type) typeOk++;
                if (string.Equals(t.Value, g.Value, StringComparison.Ordinal)) valueOk++;
                if (t.Type != g.Type || !string.Equals(t.Value, g.Value, StringComparison.Ordinal) || t.Start != g.Start || t.End != g.End)
                    Note(errors, $"differs   gold {Describe(g.Text, g.Type, g.Value, g.Mod)} → {Describe(t.Text, t.Type, t.Value, t.Mod)}  {Context(gd.Text, g.Start, g.End)}  [{gd.Name}]");
            }
            for (int p = 0; p < pred.Count; p++)
                if (!used[p]) Note(errors, $"spurious  {Describe(pred[p].Text, pred[p].Type, pred[p].Value, pred[p].Mod)}  {Context(gd.Text, pred[p].Start, pred[p].End)}  [{gd.Name}]");
        }
        return new Result(docs, gold, predicted, strict, relaxed, typeOk, valueOk) { Errors = errors };
    }

    private void Note(List<string> errors, string line)
    {
        if (errors.Count < maxErrors) errors.Add(line);
    }

    private static string Describe(string text, TimeType type, string? value, string? mod) =>
        $"\"{text}\" {type} {value ?? "-"}{(mod is null ? "" : " " + mod)}";

    private static string Context(string text, int start, int end)
    {
        int a = Math.Max(0, start - 40), b = Math.Min(text.Length, end + 40);
        return "…" + text[a..start].ReplaceLineEndings(" ") + "[" + text[start..end] + "]" + text[end..b].ReplaceLineEndings(" ") + "…";
    }
}
