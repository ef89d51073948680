using System.Text.Json;

namespace Sitrep.Json;

/// <summary>
/// `sitrep extract --format geojson`: one RFC 7946 FeatureCollection of the resolved places of every document (a Point
/// per place entity) and of the events whose place is resolved (a Point at that place). Coordinates are [lon, lat].
/// </summary>
public sealed class GeoJsonWriter(bool indented = true)
{
    public void Write(Stream stream, IReadOnlyList<Document> documents)
    {
        using var w = new Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = indented });
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        foreach (var doc in documents)
        {
            var byId = new Dictionary<string, Entity>(StringComparer.Ordinal);
            foreach (var e in doc.Entities)
            {
                byId[e.Id] = e;
                if (e.Place is not { } p) continue;
                Start(w, p);
                w.WriteString("kind", "place");
                w.WriteString("document", doc.Metadata.Id);
                w.WriteString("entity", e.Id);
                w.WriteString("name", e.Name);
                w.WriteString("type", e.Type.ToString());
                WritePlace(w, p);
                w.WriteNumber("mentions", e.Mentions.Count);
                if (e.Actor is { } actor) w.WriteString("actor", actor);
                End(w);
            }
            foreach (var ev in doc.Events)
            {
                if (ev.Place is null || !byId.TryGetValue(ev.Place, out var pe) || pe.Place is not { } p) continue;
                Start(w, p);
                w.WriteString("kind", "event");
                w.WriteString("document", doc.Metadata.Id);
                w.WriteString("event", ev.Id);
                w.WriteString("cameo", ev.Cameo);
                if (ev.Plover is { } plover) w.WriteString("plover", plover);
                if (ev.Date is { } date) w.WriteString("date", date);
                w.WriteString("place", pe.Id);
                w.WriteString("trigger", ev.Trigger.Text);
                End(w);
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Start(Utf8JsonWriter w, Place p)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteStartObject("geometry");
        w.WriteString("type", "Point");
        w.WriteStartArray("coordinates");
        w.WriteNumberValue(p.Lon);
        w.WriteNumberValue(p.Lat);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("properties");
    }

    private static void End(Utf8JsonWriter w)
    {
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePlace(Utf8JsonWriter w, Place p)
    {
        if (p.GeonameId is { } id) w.WriteNumber("geonameId", id); else w.WriteNull("geonameId");
        if (p.CountryCode is { } cc) w.WriteString("countryCode", cc); else w.WriteNull("countryCode");
        if (p.Admin1 is { } a1) w.WriteString("admin1", a1); else w.WriteNull("admin1");
        if (p.FeatureCode is { } f) w.WriteString("featureCode", f); else w.WriteNull("featureCode");
        if (p.Confidence is { } c) w.WriteNumber("confidence", c);
    }
}
