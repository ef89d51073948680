using System.Globalization;
using System.Text;

namespace Sitrep.Evaluation;

/// <summary>
/// The figures of one evaluation run, in order. Every `sitrep eval` prints <see cref="ToTable"/> for people
/// and, with --json, <see cref="ToJson"/> as its last line: lower-case keys, fractions 0–1, counts as integers.
/// </summary>
public sealed class MetricReport(string title)
{
    private readonly List<(string Key, double Value, bool IsCount)> _rows = [];
    private readonly HashSet<string> _plain = [];

    public string Title { get; } = title;

    public MetricReport Add(string key, double value)
    {
        _rows.Add((key, value, false));
        return this;
    }

    /// <summary>A plain number (kilometres, seconds): printed as is, not as a percentage.</summary>
    public MetricReport AddNumber(string key, double value)
    {
        _rows.Add((key, value, false));
        _plain.Add(key);
        return this;
    }

    public MetricReport AddCount(string key, long value)
    {
        _rows.Add((key, value, true));
        return this;
    }

    /// <summary>Precision, recall and F1 under <paramref name="prefix"/>_precision, _recall, _f1.</summary>
    public MetricReport AddPrf(string prefix, long truePositives, long predicted, long gold)
    {
        var prf = Prf.From(truePositives, predicted, gold);
        return Add(prefix + "_precision", prf.Precision).Add(prefix + "_recall", prf.Recall).Add(prefix + "_f1", prf.F1);
    }

    public double this[string key] => _rows.First(r => r.Key == key).Value;

    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.Append(Title).Append('\n');
        int width = Math.Max(6, _rows.Count == 0 ? 0 : _rows.Max(r => r.Key.Length));
        sb.Append("metric".PadRight(width)).Append("  value\n");
        sb.Append(new string('-', width)).Append("  ").Append(new string('-', 8)).Append('\n');
        foreach (var (key, value, isCount) in _rows)
            sb.Append(key.PadRight(width)).Append("  ").Append(Format(value, isCount, percent: !isCount && !_plain.Contains(key))).Append('\n');
        return sb.ToString();
    }

    public string ToJson()
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < _rows.Count; i++)
        {
            var (key, value, isCount) = _rows[i];
            if (i > 0) sb.Append(',');
            sb.Append('"').Append(key).Append("\":").Append(Format(value, isCount, percent: false));
        }
        return sb.Append('}').ToString();
    }

    private static string Format(double value, bool isCount, bool percent) =>
        isCount ? ((long)value).ToString(CultureInfo.InvariantCulture)
        : double.IsNaN(value) ? (percent ? "n/a" : "null")
        : percent ? (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%"
        : Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>Precision, recall and F1 from counts; 0 when a denominator is 0.</summary>
public readonly record struct Prf(double Precision, double Recall, double F1)
{
    public static Prf From(long truePositives, long predicted, long gold)
    {
        double p = predicted == 0 ? 0 : (double)truePositives / predicted;
        double r = gold == 0 ? 0 : (double)truePositives / gold;
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Prf(p, r, f);
    }
}
