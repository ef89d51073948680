using System.Globalization;
using System.Text;
using System.Text.Json;
using Sitrep.Json;
using Sitrep.Storage;
using Sitrep.Text.Tokenization;

namespace Sitrep.Server.Store;

/// <summary>
/// The store over HTTP: documents, events, quotes, entities and stats with the CLI's filters and cursor paging,
/// <c>format=csv|geojson</c> where the CLI offers it, the map and timeline aggregates, and POST /api/documents.
/// </summary>
public static class StoreEndpoints
{
    private static readonly Pipeline Sentences = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Build();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/documents", async (HttpContext http, IStore store) =>
        {
            var (q, format) = Parse(http, "json", "csv");
            var page = await store.QueryDocumentsAsync(q, http.RequestAborted);
            return format == "csv" ? Csv(page.Items, page.NextCursor) : Results.Ok(page);
        }).WithSummary("Stored articles, newest first; filters place, from, to, q; format=json|csv").Produces<Page<DocumentRow>>();

        api.MapGet("/documents/{id}", async (string id, HttpContext http, IStore store) =>
        {
            Parse(http, "json");
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var docId) || docId <= 0)
                throw new ApiProblemException(400, "id", $"'{id}' is not a document id (a positive whole number)");
            var stored = await store.GetDocumentAsync(docId, http.RequestAborted)
                ?? throw new ApiProblemException(404, "id", $"no document {docId}");
            return StoredJson(stored);
        }).WithSummary("One stored article with all its annotations: {info, story, eventIds, sitrep}");

        api.MapPost("/documents", async (HttpContext http, ArticleExtractor extractor, IStore store) =>
        {
            var (body, format) = await SitrepServer.ReadArticleBody(http);
            var doc = extractor.Extract(body, format, "api");
            var result = await store.AddDocumentAsync(doc, http.RequestAborted);
            var payload = new { id = result.DocumentId, outcome = result.Outcome == AddOutcome.Added ? "added" : "duplicate", storyId = result.StoryId, nearDuplicateOf = result.NearDuplicateOf };
            return result.Outcome == AddOutcome.Added ? Results.Created($"/api/documents/{result.DocumentId}", payload) : Results.Ok(payload);
        }).WithSummary("Extract an article and store it; the same text again returns the stored id (idempotent by content hash)")
          .AddOpenApiOperationTransformer(OpenApiBodies.Article).ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415);

        api.MapGet("/events", async (HttpContext http, IStore store) =>
        {
            var (q, format) = Parse(http, "json", "csv", "geojson");
            var page = await store.QueryEventsAsync(q, http.RequestAborted);
            return format switch
            {
                "csv" => Csv(page.Items, page.NextCursor),
                "geojson" => EventsGeoJson(page),
                _ => Results.Ok(page),
            };
        }).WithSummary("Deduplicated events, newest first; all filters; format=json|csv|geojson").Produces<Page<EventRow>>();

        api.MapGet("/events/{id}", async (string id, HttpContext http, IStore store) =>
        {
            Parse(http, "json");
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var eventId) || eventId <= 0)
                throw new ApiProblemException(400, "id", $"'{id}' is not an event id (a positive whole number)");
            var mentions = await store.GetEventMentionsAsync(eventId, http.RequestAborted);
            if (mentions.Count == 0) throw new ApiProblemException(404, "id", $"no event {eventId}");
            return Results.Ok(new { id = eventId, mentions });
        }).WithSummary("Every mention of one event with its evidence (document, sentence, trigger offsets)");

        api.MapGet("/quotes", async (HttpContext http, IStore store) =>
        {
            var (q, format) = Parse(http, "json", "csv");
            var page = await store.QueryQuotesAsync(q, http.RequestAborted);
            return format == "csv" ? Csv(page.Items, page.NextCursor) : Results.Ok(page);
        }).WithSummary("Quotes with their speakers; filters speaker, q, from, to, place; format=json|csv").Produces<Page<QuoteRow>>();

        api.MapGet("/entities", async (HttpContext http, IStore store) =>
        {
            var (q, format) = Parse(http, "json", "csv");
            var page = await store.QueryEntitiesAsync(q, http.RequestAborted);
            return format == "csv" ? Csv(page.Items, page.NextCursor) : Results.Ok(page);
        }).WithSummary("Entities aggregated over articles; format=json|csv").Produces<Page<EntityRow>>();

        api.MapGet("/stats", async (HttpContext http, IStore store) =>
        {
            var (q, _) = Parse(http, "json");
            bool filtered = q.Actor is not null || q.Cameo is not null || q.Plover is not null || q.Place is not null || q.Near is not null
                            || q.From is not null || q.To is not null || q.Speaker is not null || q.Text is not null;
            return Results.Ok(await store.StatsAsync(filtered ? q : null, http.RequestAborted));
        }).WithSummary("Totals and events per day, CAMEO root and country").Produces<StoreStats>();

        api.MapGet("/map", async (HttpContext http, EventAggregates aggregates) =>
        {
            var (q, _) = Parse(http, ["json"], "places");
            var places = QueryParameters.Text(http.Request.Query, "places") switch
            {
                null or "true" or "1" => true,
                "false" or "0" => false,
                var other => throw new ApiProblemException(400, "places", $"'{other}' is not true or false"),
            };
            return Results.Ok(new { points = await aggregates.MapAsync(q, places, http.RequestAborted) });
        }).WithSummary("Map markers aggregated on the server: events per place with counts per CAMEO quad class, and resolved places");

        api.MapGet("/timeline", async (HttpContext http, EventAggregates aggregates) =>
        {
            var (q, _) = Parse(http, ["json"], "by");
            var by = QueryParameters.Text(http.Request.Query, "by") ?? "quad";
            if (by is not ("quad" or "root")) throw new ApiProblemException(400, "by", $"'{by}' is not quad or root");
            return Results.Ok(await aggregates.TimelineAsync(q, by, http.RequestAborted));
        }).WithSummary("Events per day by CAMEO quad class or root, aggregated on the server");
    }

    private static (StoreQuery Query, string Format) Parse(HttpContext http, params string[] formats) => Parse(http, formats, []);

    private static (StoreQuery Query, string Format) Parse(HttpContext http, string[] formats, params string[] extra)
    {
        var q = QueryParameters.Parse(http.Request.Query, [.. extra, "format"]);
        var format = QueryParameters.Text(http.Request.Query, "format") ?? "json";
        if (Array.IndexOf(formats, format) < 0)
            throw new ApiProblemException(400, "format", $"'{format}' is not offered here (use {string.Join(" or ", formats)})");
        return (q, format);
    }

    private static IResult Csv<T>(IReadOnlyList<T> rows, string? next)
    {
        return new HeaderResult(Results.Text(CsvRows.Write(rows), "text/csv", Encoding.UTF8), next);
    }

    private static IResult EventsGeoJson(Page<EventRow> page)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var e in page.Items)
            {
                if (e.Lat is not { } lat || e.Lon is not { } lon) continue;
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("geometry");
                w.WriteString("type", "Point");
                w.WriteStartArray("coordinates");
                w.WriteNumberValue(lon);
                w.WriteNumberValue(lat);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WritePropertyName("properties");
                JsonSerializer.Serialize(w, e, JsonOptions);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("nextCursor", page.NextCursor);
            w.WriteEndObject();
        }
        return Results.Bytes(buffer.ToArray(), "application/geo+json");
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>{info, story, eventIds, sitrep}: sitrep is the document's sitrep/1 JSON, sentences recomputed from its text.</summary>
    private static IResult StoredJson(StoredDocument stored)
    {
        var doc = stored.Document;
        if (doc.Sentences.Count == 0) Sentences.Process(doc);
        var sitrep = new DocumentJsonWriter(new Sitrep.Json.JsonWriterOptions { Indented = false }).ToJson(doc);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WritePropertyName("info");
            JsonSerializer.Serialize(w, stored.Info, JsonOptions);
            w.WritePropertyName("story");
            JsonSerializer.Serialize(w, stored.Story, JsonOptions);
            w.WritePropertyName("eventIds");
            JsonSerializer.Serialize(w, stored.EventIds, JsonOptions);
            w.WritePropertyName("sitrep");
            w.WriteRawValue(sitrep, skipInputValidation: true);
            w.WriteEndObject();
        }
        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    /// <summary>Adds the next page's cursor as a header on formats (CSV) that have no place for it in the body.</summary>
    private sealed class HeaderResult(IResult inner, string? next) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            if (next is not null) http.Response.Headers["X-Next-Cursor"] = next;
            return inner.ExecuteAsync(http);
        }
    }
}
