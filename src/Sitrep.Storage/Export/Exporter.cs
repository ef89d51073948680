using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using Parquet.Serialization;

namespace Sitrep.Storage.Export;

/// <summary>Output formats of the query commands (and of the HTTP API's downloads).</summary>
public enum ExportFormat : byte { Table, Csv, Jsonl, Parquet, GeoJson, Gdelt, Phoenix }

/// <summary>
/// Writes query results in the formats researchers load directly: CSV (CsvHelper, RFC 4180), Parquet (Parquet.Net),
/// JSON lines, GeoJSON, and GDELT-2.0-like and Phoenix-like TSV for events (docs/export-formats.md).
/// </summary>
public static class Exporter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<EntityType>(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ExportFormat ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "table" => ExportFormat.Table,
        "csv" => ExportFormat.Csv,
        "jsonl" => ExportFormat.Jsonl,
        "parquet" => ExportFormat.Parquet,
        "geojson" => ExportFormat.GeoJson,
        "gdelt" => ExportFormat.Gdelt,
        "phoenix" => ExportFormat.Phoenix,
        _ => throw new FormatException($"unknown format '{value}' (table, csv, jsonl, parquet, geojson, gdelt, phoenix)"),
    };

    /// <summary>RFC 4180 CSV with a header line (CsvHelper): one column per property of the flat export row, invariant culture.</summary>
    public static async Task WriteCsvAsync<T>(Stream output, IEnumerable<T> rows, CancellationToken ct = default)
    {
        var (headers, cells) = Columns<T>();
        var options = CsvWriterOptions.Default with { HasHeader = true, NewLine = "\n" };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        csv.WriteHeader(headers.AsSpan());
        foreach (var row in rows) await csv.WriteRecordAsync(cells(row), ct).ConfigureAwait(false);
        await csv.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Parquet through <see cref="ParquetSerializer"/>; the file is built in memory (the format needs its footer) then copied.</summary>
    public static async Task WriteParquetAsync<T>(Stream output, IReadOnlyList<T> rows, CancellationToken ct = default) where T : new()
    {
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, buffer, cancellationToken: ct).ConfigureAwait(false);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct).ConfigureAwait(false);
    }

    public static async Task WriteJsonLinesAsync<T>(Stream output, IEnumerable<T> rows, CancellationToken ct = default)
    {
        foreach (var row in rows)
        {
            await JsonSerializer.SerializeAsync(output, row, Json, ct).ConfigureAwait(false);
            output.WriteByte((byte)'\n');
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A FeatureCollection of Points (lon, lat); rows without coordinates are left out.</summary>
    public static async Task WriteGeoJsonAsync<T>(Stream output, IEnumerable<T> rows, Func<T, (double? Lat, double? Lon)> position, CancellationToken ct = default)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        foreach (var row in rows)
        {
            var (lat, lon) = position(row);
            if (lat is not { } la || lon is not { } lo) continue;
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(lo);
            json.WriteNumberValue(la);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WritePropertyName("properties");
            JsonSerializer.Serialize(json, row, Json);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct).ConfigureAwait(false);
        output.WriteByte((byte)'\n');
    }

    /// <summary>Column names and cell texts of a flat export row type, for tables.</summary>
    public static (string[] Headers, Func<T, string[]> Cells) Columns<T>()
    {
        var props = typeof(T).GetProperties();
        return (props.Select(p => p.Name).ToArray(), row => props.Select(p => Cell.Of(p.GetValue(row))).ToArray());
    }
}
