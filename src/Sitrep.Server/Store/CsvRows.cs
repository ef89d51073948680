using System.Globalization;
using System.Reflection;
using System.Text;

namespace Sitrep.Server.Store;

/// <summary>RFC 4180 CSV of the store's row records: one column per public property, in declaration order.</summary>
public static class CsvRows
{
    public static string Write<T>(IReadOnlyList<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var sb = new StringBuilder();
        for (int i = 0; i < properties.Length; i++)
        {
            if (i > 0) sb.Append(',');
            Field(sb, char.ToLowerInvariant(properties[i].Name[0]) + properties[i].Name[1..]);
        }
        sb.Append("\r\n");
        foreach (var row in rows)
        {
            for (int i = 0; i < properties.Length; i++)
            {
                if (i > 0) sb.Append(',');
                Field(sb, Format(properties[i].GetValue(row)));
            }
            sb.Append("\r\n");
        }
        return sb.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Field(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) { sb.Append(value); return; }
        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
