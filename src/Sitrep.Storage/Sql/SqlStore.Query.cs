using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Sitrep.Storage.Sql;

/// <summary>Event filters as SQL: conditions to AND over event_clusters (alias c), and their named parameters.</summary>
public sealed record EventFilterSql(IReadOnlyList<string> Conditions, IReadOnlyList<KeyValuePair<string, object?>> Parameters);

public abstract partial class SqlStore
{
    /// <summary>WHERE clauses and their parameters, built from a <see cref="StoreQuery"/>. Values are always parameters.</summary>
    private sealed class Where
    {
        public readonly List<string> Clauses = [];
        public readonly List<(string, object?)> Parameters = [];
        private int _n;

        public string Param(object? value)
        {
            string name = "@w" + (_n++).ToString(CultureInfo.InvariantCulture);
            Parameters.Add((name, value));
            return name;
        }

        public void Add(string clause) => Clauses.Add(clause);

        public override string ToString() => Clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", Clauses);
    }

    private static string Like(string value) => "%" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
    private static string Prefix(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Reject(StoreQuery q, string kind, params string[] names)
    {
        foreach (var name in names)
        {
            bool set = name switch
            {
                "cameo" => q.Cameo is not null,
                "plover" => q.Plover is not null,
                "speaker" => q.Speaker is not null,
                "near" => q.Near is not null,
                _ => false,
            };
            if (set) throw new StoreQueryException($"--{name} does not apply to {kind}");
        }
    }

    private static int CheckLimit(StoreQuery q)
    {
        if (q.Limit is < 1 or > StoreQuery.MaxLimit) throw new StoreQueryException($"--limit must be between 1 and {StoreQuery.MaxLimit}");
        return q.Limit;
    }

    /// <summary>
    /// The place filter as alternatives, any of which a row may meet: its resolved place, its country or first-level
    /// division by name, or its country by ISO code (columns with a common prefix in event_clusters and entities).
    /// Each alternative is one indexed equality, so a query can walk each (column, day) index in order.
    /// </summary>
    private static string[] PlaceAlternatives(Where w, string alias, string place)
    {
        var key = w.Param(Key(place));
        var code = w.Param(place.Trim().ToUpperInvariant());
        return [$"{alias}.place_key = {key}", $"{alias}.country_key = {key}", $"{alias}.admin1_key = {key}", $"{alias}.country_code = {code}"];
    }

    private static string PlaceCondition(Where w, string alias, string place) => "(" + string.Join(" OR ", PlaceAlternatives(w, alias, place)) + ")";

    /// <summary>Within <paramref name="near"/>: a lat/lon bounding box, then the great-circle distance.</summary>
    private string NearCondition(Where w, string alias, GeoCircle near)
    {
        double dLat = near.Km / 111.0;
        double cosLat = Math.Max(0.01, Math.Cos(near.Lat * Math.PI / 180));
        double dLon = Math.Min(180, near.Km / (111.0 * cosLat));
        var lat = w.Param(near.Lat);
        var lon = w.Param(near.Lon);
        var box = $"{alias}.lat BETWEEN {w.Param(near.Lat - dLat)} AND {w.Param(near.Lat + dLat)}"
                  + (near.Lon - dLon < -180 || near.Lon + dLon > 180 ? "" : $" AND {alias}.lon BETWEEN {w.Param(near.Lon - dLon)} AND {w.Param(near.Lon + dLon)}");
        var distance = $"6371.0 * acos({Least}(1.0, cos(radians({lat})) * cos(radians({alias}.lat)) * cos(radians({alias}.lon) - radians({lon})) + sin(radians({lat})) * sin(radians({alias}.lat))))";
        return $"({box} AND {distance} <= {w.Param(near.Km)})";
    }

    /// <summary>Above this many event coordinates in a --near circle, the events query filters by the circle itself.</summary>
    private const int MaxNearPoints = 16;

    /// <summary>Above this many branches (place alternatives × near points), alternatives are ORed within one branch.</summary>
    private const int MaxBranches = 32;

    /// <summary>
    /// The near filter as alternatives: one (lat, lon) equality per event coordinate inside the circle, found in the small
    /// event_points table by the same box and distance test the events would get. None: nothing is near. Many: the circle.
    /// </summary>
    private async Task<string[]> NearAlternativesAsync(DbConnection c, Where w, string alias, GeoCircle near, CancellationToken ct)
    {
        var pw = new Where();
        var sql = $"SELECT p.lat, p.lon FROM event_points p WHERE {NearCondition(pw, "p", near)} ORDER BY p.lat, p.lon LIMIT {MaxNearPoints + 1}";
        await using var cmd = Command(c, null, sql, [.. pw.Parameters]);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var points = new List<string>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            points.Add($"({alias}.lat = {w.Param(r.GetDouble(0))} AND {alias}.lon = {w.Param(r.GetDouble(1))})");
        return points.Count > MaxNearPoints ? [NearCondition(w, alias, near)] : [.. points];
    }

    private static (string A, long B) ParseCursor(string? cursor)
    {
        if (cursor is null) return ("", 0);
        int bar = cursor.LastIndexOf('|');
        if (bar < 0 || !long.TryParse(cursor.AsSpan(bar + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var b))
            throw new StoreQueryException($"'{cursor}' is not a cursor from a previous page");
        return (cursor[..bar], b);
    }

    // ---- events ----------------------------------------------------------------------------------------------------

    private const string EventColumns =
        "c.id, c.dedup_key, c.cameo, c.cameo_root, c.plover, c.source_actor, c.target_actor, c.source_name, c.target_name, c.day, " +
        "c.place_name, c.country_code, c.admin1, c.lat, c.lon, c.geoname_id, c.fatalities, c.injured, c.num_mentions, c.num_sources, " +
        "c.num_articles, c.first_document, c.trigger_text, c.source_url";

    /// <summary>
    /// The event filters of <paramref name="q"/> as SQL conditions over event_clusters (alias c) with their parameters,
    /// for callers that aggregate events in SQL themselves (the server's map and timeline), so the filter rules live here only.
    /// </summary>
    public EventFilterSql EventFilter(StoreQuery q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var w = EventWhere(q);
        return new EventFilterSql([.. w.Clauses], [.. w.Parameters.Select(p => new KeyValuePair<string, object?>(p.Item1, p.Item2))]);
    }

    /// <summary>
    /// Every event filter of <paramref name="q"/> over event_clusters (alias c) as one WHERE; with
    /// <paramref name="placeAndNear"/> false the place and near filters are left to the caller.
    /// </summary>
    private Where EventWhere(StoreQuery q, bool placeAndNear = true)
    {
        var w = new Where();
        if (q.Actor is { } actor)
        {
            var a = w.Param(Prefix(actor.Trim().ToUpperInvariant()));
            w.Add($"(c.source_actor LIKE {a} ESCAPE '\\' OR c.target_actor LIKE {a} ESCAPE '\\')");
        }
        if (q.Cameo is { } cameo)
        {
            cameo = cameo.Trim();
            // Roots are at most two characters, so a two-digit prefix is the whole root: an equality that can walk
            // the (cameo_root, day) index in order (LIKE cannot use it; SQLite's LIKE ignores case). With a place or
            // near filter, LIKE is kept on purpose: SQLite, without statistics, would walk a root's tens of thousands
            // of events rather than a place's few thousand.
            if (cameo.Length == 2 && char.IsAsciiDigit(cameo[0]) && char.IsAsciiDigit(cameo[1]) && q.Place is null && q.Near is null)
                w.Add($"c.cameo_root = {w.Param(cameo)}");
            else if (cameo.Length <= 2) w.Add($"c.cameo_root LIKE {w.Param(Prefix(cameo))} ESCAPE '\\'");
            else w.Add($"c.id IN (SELECT m.cluster_id FROM event_mentions m WHERE m.cameo LIKE {w.Param(Prefix(cameo))} ESCAPE '\\')");
        }
        if (q.Plover is { } plover) w.Add($"lower(c.plover) = {w.Param(Key(plover))}");
        if (placeAndNear && q.Place is { } place) w.Add(PlaceCondition(w, "c", place));
        if (placeAndNear && q.Near is { } near) w.Add(NearCondition(w, "c", near));
        if (q.From is { } from) w.Add($"c.day >= {w.Param(Day(from))}");
        if (q.To is { } to) w.Add($"c.day <= {w.Param(Day(to))} AND c.day <> ''");
        if (q.Speaker is { } speaker)
            w.Add($"c.id IN (SELECT m.cluster_id FROM event_mentions m JOIN quotes qq ON qq.document_id = m.document_id AND qq.quote_id = m.quote_id WHERE qq.speaker_key LIKE {w.Param(Like(Key(speaker)))} ESCAPE '\\')");
        if (q.Text is { } text)
        {
            w.Parameters.Add(("@text", FullTextParameter(text)));
            w.Add($"c.id IN (SELECT m.cluster_id FROM event_mentions m WHERE m.document_id IN (SELECT d.id FROM documents d WHERE {DocumentTextMatch("d")}))");
        }
        if (q.DocumentId is { } doc) w.Add($"c.id IN (SELECT m.cluster_id FROM event_mentions m WHERE m.document_id = {w.Param(doc)})");
        return w;
    }

    public Task<Page<EventRow>> QueryEventsAsync(StoreQuery query, CancellationToken cancellationToken = default) =>
        QueryEventsAsync(query, indexDriven: true, cancellationToken);

    /// <summary>
    /// Events newest first. A place or near filter is a disjunction no single index answers in day order, so
    /// (<paramref name="indexDriven"/>) each alternative becomes a branch that walks its own (column, day) or
    /// (lat, lon, day) index in order and stops at the page size; the page is the newest of the branches' rows.
    /// Without <paramref name="indexDriven"/> the filters are one WHERE, the form the tests hold the branches to.
    /// </summary>
    internal Task<Page<EventRow>> QueryEventsAsync(StoreQuery query, bool indexDriven, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(query);
        int limit = CheckLimit(query);
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var w = EventWhere(query, placeAndNear: !indexDriven);
        var groups = new List<string[]>();
        if (indexDriven && query.Place is { } place) groups.Add(PlaceAlternatives(w, "c", place));
        if (indexDriven && query.Near is { } near) groups.Add(await NearAlternativesAsync(c, w, "c", near, cancellationToken).ConfigureAwait(false));
        if (groups.Any(g => g.Length == 0)) return new Page<EventRow>([], null);
        if (query.Cursor is not null)
        {
            var (day, id) = ParseCursor(query.Cursor);
            // A row value: SQLite and PostgreSQL both turn it into a range on (day, id) index order.
            w.Add($"(c.day, c.id) < ({w.Param(day)}, {w.Param(id)})");
        }
        const string order = "ORDER BY c.day DESC, c.id DESC";
        string sql;
        var branches = Branches(groups);
        if (branches.Count == 1)
        {
            if (branches[0].Length > 0) w.Add(branches[0]);
            sql = $"SELECT {EventColumns} FROM event_clusters c{w} {order} LIMIT {limit + 1}";
        }
        else
        {
            var union = string.Join(" UNION ALL ", branches.Select((b, i) =>
                $"SELECT id FROM (SELECT c.id FROM event_clusters c WHERE {string.Join(" AND ", [.. w.Clauses, b])} {order} LIMIT {limit + 1}) b{i}"));
            sql = $"SELECT {EventColumns} FROM event_clusters c WHERE c.id IN ({union}) {order} LIMIT {limit + 1}";
        }
        await using var cmd = Command(c, null, sql, [.. w.Parameters]);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<EventRow>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) items.Add(ReadEvent(r));
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Day + "|" + items[^1].Id.ToString(CultureInfo.InvariantCulture);
        }
        return new Page<EventRow>(items, next);
    });

    /// <summary>
    /// The conjunction of the groups (each a disjunction of alternatives) as a disjunction of branches: the cross
    /// product, or, past <see cref="MaxBranches"/>, with the largest groups' alternatives ORed into one.
    /// No groups: one empty branch.
    /// </summary>
    private static List<string> Branches(List<string[]> groups)
    {
        var g = groups.Select(x => x.ToList()).ToList();
        while (g.Aggregate(1L, (n, x) => n * x.Count) > MaxBranches)
        {
            var largest = g.MaxBy(x => x.Count)!;
            var joined = "(" + string.Join(" OR ", largest) + ")";
            largest.Clear();
            largest.Add(joined);
        }
        var branches = new List<string> { "" };
        foreach (var alternatives in g)
            branches = [.. branches.SelectMany(b => alternatives.Select(a => b.Length == 0 ? a : b + " AND " + a))];
        return branches;
    }

    private static EventRow ReadEvent(DbDataReader r) => new()
    {
        Id = r.GetInt64(0), Key = r.GetString(1), Cameo = r.GetString(2), CameoRoot = r.GetString(3), Plover = Str(r, 4),
        SourceActor = Str(r, 5), TargetActor = Str(r, 6), SourceName = Str(r, 7), TargetName = Str(r, 8), Day = r.GetString(9),
        PlaceName = Str(r, 10), CountryCode = Str(r, 11), Admin1 = Str(r, 12), Lat = Dbl(r, 13), Lon = Dbl(r, 14), GeonameId = Long(r, 15),
        Fatalities = Int(r, 16), Injured = Int(r, 17), NumMentions = (int)r.GetInt64(18), NumSources = (int)r.GetInt64(19),
        NumArticles = (int)r.GetInt64(20), FirstDocumentId = r.GetInt64(21), Trigger = Str(r, 22), SourceUrl = Str(r, 23),
    };

    public Task<IReadOnlyList<EventMentionRow>> GetEventMentionsAsync(long eventId, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadMentionsAsync(c, "m.cluster_id = @id", ("@id", eventId), cancellationToken).ConfigureAwait(false);
    });

    private static async Task<IReadOnlyList<EventMentionRow>> ReadMentionsAsync(DbConnection c, string condition, (string, object?) parameter, CancellationToken ct)
    {
        await using var cmd = Command(c, null,
            "SELECT m.cluster_id, m.document_id, m.event_id, m.cameo, m.plover, m.source_entity, m.target_entity, m.source_name, m.target_name, " +
            "m.source_actor, m.target_actor, m.date, m.place_entity, m.place_name, m.fatalities, m.injured, m.sentence, m.trigger_start, " +
            "m.trigger_end, m.trigger_text, m.negated, m.modality, m.quote_id, d.publisher, d.url, d.source, d.published " +
            $"FROM event_mentions m JOIN documents d ON d.id = m.document_id WHERE {condition} ORDER BY m.document_id, m.ord", parameter);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<EventMentionRow>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            list.Add(new EventMentionRow
            {
                EventId = r.GetInt64(0), DocumentId = r.GetInt64(1), LocalId = r.GetString(2), Cameo = r.GetString(3), Plover = Str(r, 4),
                SourceEntity = Str(r, 5), TargetEntity = Str(r, 6), SourceName = Str(r, 7), TargetName = Str(r, 8), SourceActor = Str(r, 9),
                TargetActor = Str(r, 10), Date = Str(r, 11), PlaceEntity = Str(r, 12), PlaceName = Str(r, 13), Fatalities = Int(r, 14),
                Injured = Int(r, 15), Sentence = (int)r.GetInt64(16), TriggerStart = (int)r.GetInt64(17), TriggerEnd = (int)r.GetInt64(18),
                TriggerText = r.GetString(19), Negated = r.GetInt64(20) != 0, Modality = Enum.Parse<Modality>(r.GetString(21), ignoreCase: true),
                QuoteId = Str(r, 22), Publisher = Str(r, 23), Url = Str(r, 24), DocumentSource = Str(r, 25), Published = Str(r, 26),
            });
        return list;
    }

    // ---- quotes ----------------------------------------------------------------------------------------------------

    public Task<Page<QuoteRow>> QueryQuotesAsync(StoreQuery query, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(query);
        Reject(query, "quotes", "cameo", "plover");
        int limit = CheckLimit(query);
        var w = new Where();
        if (query.Speaker is { } speaker) w.Add($"q.speaker_key LIKE {w.Param(Like(Key(speaker)))} ESCAPE '\\'");
        if (query.Text is { } text)
        {
            w.Parameters.Add(("@text", FullTextParameter(text)));
            w.Add(QuoteTextMatch("q"));
        }
        if (query.Actor is { } actor)
            w.Add($"EXISTS (SELECT 1 FROM entities e WHERE e.document_id = q.document_id AND e.entity_id = q.speaker_entity AND e.actor LIKE {w.Param(Prefix(actor.Trim().ToUpperInvariant()))} ESCAPE '\\')");
        DocumentFilters(w, query, "q.document_id", "d");
        if (query.Cursor is not null)
        {
            var (doc, ord) = ParseCursor(query.Cursor);
            if (!long.TryParse(doc, NumberStyles.Integer, CultureInfo.InvariantCulture, out var docId)) throw new StoreQueryException($"'{query.Cursor}' is not a cursor from a previous page");
            var pd = w.Param(docId);
            w.Add($"(q.document_id < {pd} OR (q.document_id = {pd} AND q.ord > {w.Param(ord)}))");
        }
        var sql = "SELECT q.document_id, q.ord, q.quote_id, q.kind, q.text, q.start_offset, q.end_offset, q.speaker_entity, q.speaker_name, q.speaker_text, " +
                  $"q.cue, q.anonymous, d.published, d.title, d.source FROM quotes q JOIN documents d ON d.id = q.document_id{w} " +
                  $"ORDER BY q.document_id DESC, q.ord LIMIT {limit + 1}";
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, sql, [.. w.Parameters]);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<(long Ord, QuoteRow Row)>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            items.Add((r.GetInt64(1), new QuoteRow
            {
                DocumentId = r.GetInt64(0), QuoteId = r.GetString(2), Kind = Enum.Parse<QuoteKind>(r.GetString(3), ignoreCase: true), Text = r.GetString(4),
                Start = (int)r.GetInt64(5), End = (int)r.GetInt64(6), SpeakerEntity = Str(r, 7), Speaker = Str(r, 8), SpeakerText = Str(r, 9),
                Cue = Str(r, 10), Anonymous = r.GetInt64(11) != 0, Published = Str(r, 12), Title = Str(r, 13), Source = Str(r, 14),
            }));
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Row.DocumentId.ToString(CultureInfo.InvariantCulture) + "|" + items[^1].Ord.ToString(CultureInfo.InvariantCulture);
        }
        return new Page<QuoteRow>([.. items.Select(i => i.Row)], next);
    });

    /// <summary>Filters on the document a row belongs to: dates, full text (unless the caller used it), place, near.</summary>
    private void DocumentFilters(Where w, StoreQuery q, string documentIdColumn, string documentAlias, bool textOnDocument = false)
    {
        if (q.From is { } from) w.Add($"{documentAlias}.published_day >= {w.Param(Day(from))}");
        if (q.To is { } to) w.Add($"{documentAlias}.published_day <= {w.Param(Day(to))} AND {documentAlias}.published_day <> ''");
        if (textOnDocument && q.Text is { } text)
        {
            w.Parameters.Add(("@text", FullTextParameter(text)));
            w.Add(DocumentTextMatch(documentAlias));
        }
        if (q.Place is { } place) w.Add($"{documentIdColumn} IN (SELECT pe.document_id FROM entities pe WHERE {PlaceCondition(w, "pe", place)})");
        if (q.Near is { } near) w.Add($"{documentIdColumn} IN (SELECT ne.document_id FROM entities ne WHERE {NearCondition(w, "ne", near)})");
        if (q.DocumentId is { } doc) w.Add($"{documentIdColumn} = {w.Param(doc)}");
    }

    // ---- entities --------------------------------------------------------------------------------------------------

    public Task<Page<EntityRow>> QueryEntitiesAsync(StoreQuery query, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(query);
        Reject(query, "entities", "cameo", "plover", "speaker");
        int limit = CheckLimit(query);
        var w = new Where();
        if (query.Actor is { } actor) w.Add($"e.actor LIKE {w.Param(Prefix(actor.Trim().ToUpperInvariant()))} ESCAPE '\\'");
        if (query.Place is { } place) w.Add(PlaceCondition(w, "e", place));
        if (query.Near is { } near) w.Add(NearCondition(w, "e", near));
        DocumentFilters(w, query with { Place = null, Near = null }, "e.document_id", "d", textOnDocument: true);
        long offset = 0;
        if (query.Cursor is not null)
        {
            var (tag, value) = ParseCursor(query.Cursor);
            if (tag != "offset" || value < 0) throw new StoreQueryException($"'{query.Cursor}' is not a cursor from a previous page");
            offset = value;
        }
        var sql = "SELECT e.type, e.name, max(e.country), max(e.actor), max(e.lat), max(e.lon), max(e.geoname_id), max(e.country_code), " +
                  $"count(DISTINCT e.document_id), sum(e.mentions) FROM entities e JOIN documents d ON d.id = e.document_id{w} " +
                  $"GROUP BY e.type, e.name ORDER BY count(DISTINCT e.document_id) DESC, sum(e.mentions) DESC, e.name, e.type LIMIT {limit + 1} OFFSET {offset}";
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, sql, [.. w.Parameters]);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<EntityRow>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            items.Add(new EntityRow
            {
                Type = Enum.Parse<EntityType>(r.GetString(0)), Name = r.GetString(1), Country = Str(r, 2), Actor = Str(r, 3), Lat = Dbl(r, 4),
                Lon = Dbl(r, 5), GeonameId = Long(r, 6), CountryCode = Str(r, 7), Documents = (int)r.GetInt64(8), Mentions = (int)Convert.ToInt64(r.GetValue(9), CultureInfo.InvariantCulture),
            });
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(items.Count - 1);
            next = "offset|" + (offset + limit).ToString(CultureInfo.InvariantCulture);
        }
        return new Page<EntityRow>(items, next);
    });

    // ---- documents -------------------------------------------------------------------------------------------------

    private const string DocumentColumns =
        "d.id, d.story_id, d.content_hash, d.source, d.url, d.title, d.publisher, d.published, d.characters, d.entity_count, d.quote_count, d.event_count, d.ingested";

    private static DocumentRow ReadDocument(DbDataReader r) => new()
    {
        Id = r.GetInt64(0), StoryId = r.GetInt64(1), ContentHash = r.GetString(2), Source = Str(r, 3), Url = Str(r, 4), Title = Str(r, 5),
        Publisher = Str(r, 6), Published = Str(r, 7), Characters = (int)r.GetInt64(8), Entities = (int)r.GetInt64(9), Quotes = (int)r.GetInt64(10),
        Events = (int)r.GetInt64(11), Ingested = r.GetString(12),
    };

    public Task<Page<DocumentRow>> QueryDocumentsAsync(StoreQuery query, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(query);
        int limit = CheckLimit(query);
        var w = new Where();
        DocumentFilters(w, query, "d.id", "d", textOnDocument: true);
        if (query.Actor is { } actor) w.Add($"d.id IN (SELECT ae.document_id FROM entities ae WHERE ae.actor LIKE {w.Param(Prefix(actor.Trim().ToUpperInvariant()))} ESCAPE '\\')");
        if (query.Speaker is { } speaker) w.Add($"d.id IN (SELECT sq.document_id FROM quotes sq WHERE sq.speaker_key LIKE {w.Param(Like(Key(speaker)))} ESCAPE '\\')");
        if (query.Cameo is { } cameo) w.Add($"d.id IN (SELECT cm.document_id FROM event_mentions cm WHERE cm.cameo LIKE {w.Param(Prefix(cameo.Trim()))} ESCAPE '\\')");
        if (query.Plover is { } plover) w.Add($"d.id IN (SELECT pm.document_id FROM event_mentions pm WHERE lower(pm.plover) = {w.Param(Key(plover))})");
        if (query.Cursor is not null)
        {
            var (tag, id) = ParseCursor(query.Cursor);
            if (tag != "id") throw new StoreQueryException($"'{query.Cursor}' is not a cursor from a previous page");
            w.Add($"d.id < {w.Param(id)}");
        }
        var sql = $"SELECT {DocumentColumns} FROM documents d{w} ORDER BY d.id DESC LIMIT {limit + 1}";
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, sql, [.. w.Parameters]);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<DocumentRow>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) items.Add(ReadDocument(r));
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(items.Count - 1);
            next = "id|" + items[^1].Id.ToString(CultureInfo.InvariantCulture);
        }
        return new Page<DocumentRow>(items, next);
    });

    // ---- stats -----------------------------------------------------------------------------------------------------

    public Task<StoreStats> StatsAsync(StoreQuery? query = null, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        var w = EventWhere(query ?? new StoreQuery());
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        async Task<long> Count(string sql) => await ScalarLongAsync(c, null, sql, cancellationToken).ConfigureAwait(false);
        async Task<IReadOnlyList<KeyValuePair<string, long>>> Groups(string sql, (string, object?)[] parameters)
        {
            await using var cmd = Command(c, null, sql, parameters);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<KeyValuePair<string, long>>();
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(new(Str(r, 0) ?? "", r.GetInt64(1)));
            return list;
        }
        var p = w.Parameters.ToArray();
        return new StoreStats
        {
            Documents = await Count("SELECT count(*) FROM documents").ConfigureAwait(false),
            Stories = await Count("SELECT count(DISTINCT story_id) FROM documents").ConfigureAwait(false),
            Entities = await Count("SELECT count(*) FROM entities").ConfigureAwait(false),
            Quotes = await Count("SELECT count(*) FROM quotes").ConfigureAwait(false),
            Events = await Count("SELECT count(*) FROM event_clusters").ConfigureAwait(false),
            EventMentions = await Count("SELECT count(*) FROM event_mentions").ConfigureAwait(false),
            Runs = await Count("SELECT count(*) FROM runs").ConfigureAwait(false),
            Errors = await Count("SELECT count(*) FROM errors").ConfigureAwait(false),
            EventsPerDay = await Groups($"SELECT c.day, count(*) FROM event_clusters c{w} GROUP BY c.day ORDER BY c.day", p).ConfigureAwait(false),
            DocumentsPerDay = await Groups("SELECT published_day, count(*) FROM documents GROUP BY published_day ORDER BY published_day", []).ConfigureAwait(false),
            EventsPerCameoRoot = await Groups($"SELECT c.cameo_root, count(*) FROM event_clusters c{w} GROUP BY c.cameo_root ORDER BY c.cameo_root", p).ConfigureAwait(false),
            EventsPerCountry = await Groups($"SELECT coalesce(c.country_code, ''), count(*) FROM event_clusters c{w} GROUP BY coalesce(c.country_code, '') ORDER BY count(*) DESC, coalesce(c.country_code, '')", p).ConfigureAwait(false),
        };
    });
}
