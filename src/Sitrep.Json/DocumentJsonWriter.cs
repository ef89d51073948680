using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sitrep.Json;

public sealed record JsonWriterOptions
{
    public bool Indented { get; init; } = true;
    /// <summary>Adds the token list (form, POS, lemma, head, relation) to the output.</summary>
    public bool IncludeTokens { get; init; }
}

/// <summary>Writes a <see cref="Document"/> as the sitrep/1 JSON contract (docs/schema.md).</summary>
public sealed class DocumentJsonWriter(JsonWriterOptions options)
{
    public const string Schema = "sitrep/1";

    private readonly System.Text.Json.JsonWriterOptions _writerOptions = new()
    {
        Indented = options.Indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Write(Stream stream, Document doc)
    {
        using var w = new Utf8JsonWriter(stream, _writerOptions);
        Write(w, doc);
    }

    public string ToJson(Document doc)
    {
        using var buffer = new MemoryStream();
        Write(buffer, doc);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Write(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        WriteDocument(w, doc);
        WriteRegions(w, doc);
        w.WriteStartArray("sentences");
        foreach (var s in doc.Sentences)
        {
            w.WriteStartObject();
            w.WriteNumber("start", s.Start);
            w.WriteNumber("end", s.End);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (options.IncludeTokens) WriteTokens(w, doc);
        WriteEntities(w, doc);
        WriteQuotes(w, doc);
        WriteTimes(w, doc);
        WriteQuantities(w, doc);
        WriteCasualties(w, doc);
        WriteEvents(w, doc);
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteDocument(Utf8JsonWriter w, Document doc)
    {
        var m = doc.Metadata;
        w.WriteStartObject("document");
        WriteStringOrNull(w, "id", m.Id);
        WriteStringOrNull(w, "source", m.Source);
        WriteStringOrNull(w, "url", m.Url);
        WriteStringOrNull(w, "title", m.Title);
        WriteStringOrNull(w, "publisher", m.Publisher);
        WriteStringOrNull(w, "published", FormatPublished(m));
        WriteStringOrNull(w, "byline", m.Byline);
        if (m.Dateline is { } dateline)
        {
            w.WriteStartObject("dateline");
            w.WriteString("text", dateline);
            WriteStringOrNull(w, "entity", DatelineEntity(doc));
            if (m.DatelineSpan is { } span)
            {
                w.WriteNumber("start", span.Start);
                w.WriteNumber("end", span.End);
            }
            w.WriteEndObject();
        }
        else w.WriteNull("dateline");
        w.WriteString("text", doc.Text);
        w.WriteEndObject();
    }

    /// <summary>The entity of the first place named on the dateline ("PARIS" of "PARIS, Texas"), once entities exist.</summary>
    private static string? DatelineEntity(Document doc)
    {
        if (doc.Metadata.DatelineSpan is not { } span) return null;
        string? id = null;
        int first = int.MaxValue;
        foreach (var e in doc.Entities)
            foreach (var mention in e.Mentions)
                if (mention.Start < span.End && span.Start < mention.End && mention.Start < first) (id, first) = (e.Id, mention.Start);
        return id;
    }

    public static string? FormatPublished(DocumentMetadata m) =>
        m.Published is not { } p ? null
        : m.PublishedHasTime ? p.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
        : p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteRegions(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartArray("regions");
        foreach (var r in doc.Regions)
        {
            w.WriteStartObject();
            w.WriteString("kind", RegionName(r.Kind));
            w.WriteNumber("start", r.Start);
            w.WriteNumber("end", r.End);
            if (r.Of >= 0) w.WriteNumber("of", r.Of);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static string RegionName(RegionKind kind) => kind switch
    {
        RegionKind.Headline => "headline",
        RegionKind.Dateline => "dateline",
        RegionKind.Byline => "byline",
        RegionKind.Body => "body",
        RegionKind.PullQuote => "pullquote",
        RegionKind.PullQuoteAttribution => "pullquote-attribution",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void WriteTokens(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartArray("tokens");
        for (int i = 0; i < doc.TokenCount; i++)
        {
            ref readonly var t = ref doc.TokenAt(i);
            w.WriteStartObject();
            w.WriteNumber("start", t.Start);
            w.WriteNumber("end", t.End);
            w.WriteString("text", doc.Text.AsSpan(t.Start, t.Length));
            if (t.Pos != Upos.None) w.WriteString("pos", t.Pos.ToName()); else w.WriteNull("pos");
            WriteStringOrNull(w, "tag", t.Tag);
            WriteStringOrNull(w, "lemma", t.Lemma);
            if (t.Head >= 0) w.WriteNumber("head", t.Head); else w.WriteNull("head");
            WriteStringOrNull(w, "rel", t.Relation);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteEntities(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartArray("entities");
        foreach (var e in doc.Entities)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("type", e.Type.ToString());
            w.WriteString("name", e.Name);
            w.WriteStartArray("mentions");
            foreach (var m in e.Mentions)
            {
                w.WriteStartObject();
                w.WriteNumber("start", m.Start);
                w.WriteNumber("end", m.End);
                w.WriteString("text", m.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteStringOrNull(w, "title", e.Title);
            WriteStringOrNull(w, "country", e.Country);
            WriteStringOrNull(w, "actor", e.Actor);
            if (e.Place is { } p)
            {
                w.WriteStartObject("place");
                w.WriteNumber("lat", p.Lat);
                w.WriteNumber("lon", p.Lon);
                if (p.GeonameId is { } id) w.WriteNumber("geonameId", id); else w.WriteNull("geonameId");
                WriteStringOrNull(w, "countryCode", p.CountryCode);
                WriteStringOrNull(w, "admin1", p.Admin1);
                WriteStringOrNull(w, "featureCode", p.FeatureCode);
                if (p.Confidence is { } c) w.WriteNumber("confidence", c);
                w.WriteEndObject();
            }
            else w.WriteNull("place");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteQuotes(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartArray("quotes");
        foreach (var q in doc.Quotes)
        {
            w.WriteStartObject();
            w.WriteString("id", q.Id);
            w.WriteString("kind", q.Kind.ToString().ToLowerInvariant());
            w.WriteString("text", q.Text);
            w.WriteNumber("start", q.Start);
            w.WriteNumber("end", q.End);
            WriteStringOrNull(w, "speaker", q.Speaker);
            WriteStringOrNull(w, "speakerText", q.SpeakerText);
            WriteStringOrNull(w, "cue", q.Cue);
            w.WriteBoolean("anonymous", q.Anonymous);
            w.WriteStartArray("occurrences");
            foreach (var o in q.Occurrences)
            {
                w.WriteStartObject();
                w.WriteNumber("start", o.Start);
                w.WriteNumber("end", o.End);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteTimes(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartArray("times");
        foreach (var t in doc.Times)
        {
            w.WriteStartObject();
            w.WriteString("id", t.Id);
            w.WriteString("text", t.Text);
            w.WriteNumber("start", t.Start);
            w.WriteNumber("end", t.End);
            w.WriteString("type", t.Type.ToString());
            WriteStringOrNull(w, "value", t.Value);
            WriteStringOrNull(w, "mod", t.Mod);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteQuantities(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartArray("quantities");
        foreach (var q in doc.Quantities)
        {
            w.WriteStartObject();
            w.WriteString("id", q.Id);
            w.WriteString("text", q.Text);
            w.WriteNumber("start", q.Start);
            w.WriteNumber("end", q.End);
            if (q.Value is { } v) w.WriteNumber("value", v); else w.WriteNull("value");
            WriteStringOrNull(w, "qualifier", q.Qualifier);
            WriteStringOrNull(w, "unit", q.Unit);
            w.WriteString("kind", q.Kind.ToString().ToLowerInvariant());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteCasualties(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartArray("casualties");
        foreach (var c in doc.Casualties)
        {
            w.WriteStartObject();
            w.WriteString("quantity", c.QuantityId);
            w.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
            if (c.Count is { } count) w.WriteNumber("count", count); else w.WriteNull("count");
            WriteMention(w, "trigger", c.Trigger);
            if (c.Event is { } e) WriteMention(w, "event", e); else w.WriteNull("event");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteMention(Utf8JsonWriter w, string name, Mention m)
    {
        w.WriteStartObject(name);
        w.WriteNumber("start", m.Start);
        w.WriteNumber("end", m.End);
        w.WriteString("text", m.Text);
        w.WriteEndObject();
    }

    private static void WriteEvents(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartArray("events");
        foreach (var e in doc.Events)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("cameo", e.Cameo);
            WriteStringOrNull(w, "plover", e.Plover);
            WriteStringOrNull(w, "source", e.Source);
            WriteStringOrNull(w, "target", e.Target);
            WriteStringOrNull(w, "sourceActor", e.SourceActor);
            WriteStringOrNull(w, "targetActor", e.TargetActor);
            WriteStringOrNull(w, "date", e.Date);
            WriteStringOrNull(w, "place", e.Place);
            if (e.Fatalities is { } f) w.WriteNumber("fatalities", f); else w.WriteNull("fatalities");
            if (e.Injured is { } i) w.WriteNumber("injured", i); else w.WriteNull("injured");
            w.WriteNumber("sentence", e.Sentence);
            w.WriteStartObject("trigger");
            w.WriteNumber("start", e.Trigger.Start);
            w.WriteNumber("end", e.Trigger.End);
            w.WriteString("text", e.Trigger.Text);
            w.WriteEndObject();
            w.WriteBoolean("negated", e.Negated);
            w.WriteString("modality", e.Modality.ToString().ToLowerInvariant());
            WriteStringOrNull(w, "quote", e.Quote);
            w.WriteStartArray("mentions");
            foreach (var m in e.Mentions)
            {
                w.WriteStartObject();
                w.WriteNumber("start", m.Start);
                w.WriteNumber("end", m.End);
                w.WriteString("text", m.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
