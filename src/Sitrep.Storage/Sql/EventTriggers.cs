using System.Text.Json;

namespace Sitrep.Storage.Sql;

/// <summary>
/// The triggers an article's in-document dedup merged into one event (<see cref="Event.Mentions"/>), kept as a small
/// JSON array in the event mention's row: they are evidence to show, never a query key.
/// </summary>
internal static class EventTriggers
{
    public static string? Encode(List<EventTrigger> triggers)
    {
        if (triggers.Count == 0) return null;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var t in triggers)
            {
                w.WriteStartObject();
                w.WriteNumber("start", t.Start);
                w.WriteNumber("end", t.End);
                w.WriteString("text", t.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static List<EventTrigger> Decode(string? json)
    {
        var list = new List<EventTrigger>();
        if (string.IsNullOrEmpty(json)) return list;
        using var doc = JsonDocument.Parse(json);
        foreach (var e in doc.RootElement.EnumerateArray())
            list.Add(new EventTrigger(e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32(), e.GetProperty("text").GetString() ?? ""));
        return list;
    }
}
