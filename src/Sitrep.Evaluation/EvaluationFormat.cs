using System.Globalization;
using System.Text;

namespace Sitrep.Evaluation;

/// <summary>Renders evaluation results: an aligned table for people and one JSON object for machines.</summary>
public static class EvaluationFormat
{
    public static string Table(IReadOnlyList<(string Metric, double Value)> rows)
    {
        var sb = new StringBuilder();
        sb.Append("metric      score\n");
        foreach (var (m, v) in rows)
            sb.Append(m.PadRight(10)).Append(' ').Append((v * 100).ToString("0.00", CultureInfo.InvariantCulture).PadLeft(6)).Append('\n');
        return sb.ToString();
    }

    /// <summary>One-line JSON object with lower-case keys and fractions rounded to 6 decimals.</summary>
    public static string Json(IReadOnlyList<(string Metric, double Value)> rows)
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < rows.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append('"').Append(rows[i].Metric.ToLowerInvariant()).Append("\":")
              .Append(Math.Round(rows[i].Value, 6).ToString("0.######", CultureInfo.InvariantCulture));
        }
        return sb.Append('}').ToString();
    }
}
