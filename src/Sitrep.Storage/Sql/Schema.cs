namespace Sitrep.Storage.Sql;

/// <summary>Column types the row writer knows: both databases store these four.</summary>
internal enum ColumnType : byte { Int64, Double, Text, Bytes }

/// <summary>A table the writer fills row by row (SQLite: prepared INSERT; PostgreSQL: binary COPY).</summary>
internal sealed record TableDef(string Name, (string Name, ColumnType Type)[] Columns);

/// <summary>
/// The versioned schema. Migration N turns version N-1 into N; <see cref="Version"/> is the newest this build knows.
/// Statements are written once with placeholders: {serial} an auto-numbered key, {id} a key the writer assigns,
/// {real} a double, {blob} bytes. Dialect-only statements (full-text tables and indexes) come from the dialect.
/// </summary>
internal static class Schema
{
    public const int Version = 2;
    public const string MetaTable = "sitrep_meta";

    public static readonly string[][] Migrations =
    [
        // 1: the first schema
        [
            """
            CREATE TABLE runs (id {serial}, started TEXT NOT NULL, finished TEXT, arguments TEXT, status TEXT NOT NULL,
              added BIGINT NOT NULL DEFAULT 0, skipped BIGINT NOT NULL DEFAULT 0, failed BIGINT NOT NULL DEFAULT 0)
            """,
            "CREATE TABLE errors (id {serial}, run_id BIGINT, source TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL)",
            "CREATE INDEX errors_run ON errors (run_id)",
            "CREATE TABLE sources (hash TEXT PRIMARY KEY, source TEXT NOT NULL, documents BIGINT NOT NULL, run_id BIGINT, at TEXT NOT NULL)",
            """
            CREATE TABLE documents (id {id}, content_hash TEXT NOT NULL UNIQUE, story_id BIGINT NOT NULL, source TEXT, url TEXT,
              title TEXT, publisher TEXT, published TEXT, published_day TEXT NOT NULL, published_has_time BIGINT NOT NULL,
              byline TEXT, dateline TEXT, dateline_start BIGINT, dateline_end BIGINT, language TEXT, text TEXT NOT NULL, regions TEXT,
              characters BIGINT NOT NULL, entity_count BIGINT NOT NULL, quote_count BIGINT NOT NULL, event_count BIGINT NOT NULL,
              minhash {blob}, run_id BIGINT, ingested TEXT NOT NULL)
            """,
            "CREATE INDEX documents_day ON documents (published_day)",
            "CREATE INDEX documents_story ON documents (story_id)",
            "CREATE TABLE document_bands (band BIGINT NOT NULL, hash BIGINT NOT NULL, document_id BIGINT NOT NULL)",
            "CREATE INDEX document_bands_key ON document_bands (band, hash)",
            """
            CREATE TABLE entities (document_id BIGINT NOT NULL, ord BIGINT NOT NULL, entity_id TEXT NOT NULL, type TEXT NOT NULL,
              name TEXT NOT NULL, name_key TEXT NOT NULL, title TEXT, country TEXT, actor TEXT, mentions BIGINT NOT NULL,
              lat {real}, lon {real}, geoname_id BIGINT, country_code TEXT, admin1 TEXT, feature_code TEXT, confidence {real},
              place_key TEXT, country_key TEXT, admin1_key TEXT, PRIMARY KEY (document_id, ord))
            """,
            "CREATE INDEX entities_name ON entities (name_key)",
            "CREATE INDEX entities_actor ON entities (actor)",
            "CREATE INDEX entities_place ON entities (place_key)",
            "CREATE INDEX entities_country ON entities (country_key)",
            "CREATE INDEX entities_admin1 ON entities (admin1_key)",
            "CREATE INDEX entities_latlon ON entities (lat, lon)",
            """
            CREATE TABLE mentions (document_id BIGINT NOT NULL, entity_ord BIGINT NOT NULL, start_offset BIGINT NOT NULL,
              end_offset BIGINT NOT NULL, text TEXT NOT NULL)
            """,
            "CREATE INDEX mentions_entity ON mentions (document_id, entity_ord)",
            """
            CREATE TABLE quotes (document_id BIGINT NOT NULL, ord BIGINT NOT NULL, quote_id TEXT NOT NULL, kind TEXT NOT NULL,
              text TEXT NOT NULL, start_offset BIGINT NOT NULL, end_offset BIGINT NOT NULL, speaker_entity TEXT, speaker_name TEXT,
              speaker_key TEXT, speaker_text TEXT, cue TEXT, anonymous BIGINT NOT NULL, PRIMARY KEY (document_id, ord))
            """,
            "CREATE INDEX quotes_speaker ON quotes (speaker_key)",
            """
            CREATE TABLE quote_occurrences (document_id BIGINT NOT NULL, quote_ord BIGINT NOT NULL, start_offset BIGINT NOT NULL,
              end_offset BIGINT NOT NULL)
            """,
            "CREATE INDEX quote_occurrences_quote ON quote_occurrences (document_id, quote_ord)",
            """
            CREATE TABLE times (document_id BIGINT NOT NULL, ord BIGINT NOT NULL, time_id TEXT NOT NULL, text TEXT NOT NULL,
              start_offset BIGINT NOT NULL, end_offset BIGINT NOT NULL, type TEXT NOT NULL, value TEXT, mod TEXT,
              PRIMARY KEY (document_id, ord))
            """,
            """
            CREATE TABLE quantities (document_id BIGINT NOT NULL, ord BIGINT NOT NULL, quantity_id TEXT NOT NULL, text TEXT NOT NULL,
              start_offset BIGINT NOT NULL, end_offset BIGINT NOT NULL, value {real}, qualifier TEXT, unit TEXT, kind TEXT NOT NULL,
              PRIMARY KEY (document_id, ord))
            """,
            """
            CREATE TABLE casualties (document_id BIGINT NOT NULL, ord BIGINT NOT NULL, quantity_id TEXT NOT NULL, kind TEXT NOT NULL,
              count {real}, trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL, trigger_text TEXT NOT NULL,
              event_start BIGINT, event_end BIGINT, event_text TEXT, PRIMARY KEY (document_id, ord))
            """,
            """
            CREATE TABLE event_clusters (id {serial}, dedup_key TEXT NOT NULL UNIQUE, cameo TEXT NOT NULL, cameo_root TEXT NOT NULL,
              plover TEXT, source_actor TEXT, target_actor TEXT, source_name TEXT, target_name TEXT, day TEXT NOT NULL,
              place_name TEXT, place_key TEXT, country_code TEXT, country_key TEXT, admin1 TEXT, admin1_key TEXT,
              lat {real}, lon {real}, geoname_id BIGINT, fatalities BIGINT, injured BIGINT,
              num_mentions BIGINT NOT NULL, num_sources BIGINT NOT NULL, num_articles BIGINT NOT NULL,
              first_document BIGINT NOT NULL, trigger_text TEXT, source_url TEXT)
            """,
            "CREATE INDEX event_clusters_day ON event_clusters (day, id)",
            "CREATE INDEX event_clusters_place ON event_clusters (place_key, day)",
            "CREATE INDEX event_clusters_country ON event_clusters (country_key, day)",
            "CREATE INDEX event_clusters_country_code ON event_clusters (country_code, day)",
            "CREATE INDEX event_clusters_admin1 ON event_clusters (admin1_key, day)",
            "CREATE INDEX event_clusters_cameo ON event_clusters (cameo_root, day)",
            "CREATE INDEX event_clusters_latlon ON event_clusters (lat, lon)",
            "CREATE INDEX event_clusters_source ON event_clusters (source_actor)",
            "CREATE INDEX event_clusters_target ON event_clusters (target_actor)",
            """
            CREATE TABLE event_mentions (document_id BIGINT NOT NULL, ord BIGINT NOT NULL, event_id TEXT NOT NULL,
              cluster_id BIGINT NOT NULL, cameo TEXT NOT NULL, plover TEXT, source_entity TEXT, target_entity TEXT,
              source_name TEXT, target_name TEXT, source_actor TEXT, target_actor TEXT, date TEXT, day TEXT NOT NULL,
              place_entity TEXT, place_name TEXT, fatalities BIGINT, injured BIGINT, sentence BIGINT NOT NULL,
              trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL, trigger_text TEXT NOT NULL, negated BIGINT NOT NULL,
              modality TEXT NOT NULL, quote_id TEXT, outlet TEXT NOT NULL, triggers TEXT, PRIMARY KEY (document_id, ord))
            """,
            "CREATE INDEX event_mentions_cluster ON event_mentions (cluster_id)",
        ],
        // 2: index-driven place and near queries. event_points holds every distinct event coordinate (a superset:
        // points are only ever added), so a --near query first finds the few points in its circle and then walks
        // (lat, lon, day) for each in day order instead of sorting every event in a bounding box.
        [
            "CREATE TABLE event_points (lat {real} NOT NULL, lon {real} NOT NULL, PRIMARY KEY (lat, lon))",
            "INSERT INTO event_points (lat, lon) SELECT DISTINCT lat, lon FROM event_clusters WHERE lat IS NOT NULL AND lon IS NOT NULL",
            "DROP INDEX event_clusters_latlon",
            "CREATE INDEX event_clusters_latlon ON event_clusters (lat, lon, day)",
        ],
    ];

    public static readonly TableDef Documents = new("documents",
    [
        ("id", ColumnType.Int64), ("content_hash", ColumnType.Text), ("story_id", ColumnType.Int64), ("source", ColumnType.Text),
        ("url", ColumnType.Text), ("title", ColumnType.Text), ("publisher", ColumnType.Text), ("published", ColumnType.Text),
        ("published_day", ColumnType.Text), ("published_has_time", ColumnType.Int64), ("byline", ColumnType.Text),
        ("dateline", ColumnType.Text), ("dateline_start", ColumnType.Int64), ("dateline_end", ColumnType.Int64),
        ("language", ColumnType.Text), ("text", ColumnType.Text), ("regions", ColumnType.Text), ("characters", ColumnType.Int64),
        ("entity_count", ColumnType.Int64), ("quote_count", ColumnType.Int64), ("event_count", ColumnType.Int64),
        ("minhash", ColumnType.Bytes), ("run_id", ColumnType.Int64), ("ingested", ColumnType.Text),
    ]);

    public static readonly TableDef DocumentBands = new("document_bands",
        [("band", ColumnType.Int64), ("hash", ColumnType.Int64), ("document_id", ColumnType.Int64)]);

    public static readonly TableDef Entities = new("entities",
    [
        ("document_id", ColumnType.Int64), ("ord", ColumnType.Int64), ("entity_id", ColumnType.Text), ("type", ColumnType.Text),
        ("name", ColumnType.Text), ("name_key", ColumnType.Text), ("title", ColumnType.Text), ("country", ColumnType.Text),
        ("actor", ColumnType.Text), ("mentions", ColumnType.Int64), ("lat", ColumnType.Double), ("lon", ColumnType.Double),
        ("geoname_id", ColumnType.Int64), ("country_code", ColumnType.Text), ("admin1", ColumnType.Text),
        ("feature_code", ColumnType.Text), ("confidence", ColumnType.Double), ("place_key", ColumnType.Text),
        ("country_key", ColumnType.Text), ("admin1_key", ColumnType.Text),
    ]);

    public static readonly TableDef Mentions = new("mentions",
    [
        ("document_id", ColumnType.Int64), ("entity_ord", ColumnType.Int64), ("start_offset", ColumnType.Int64),
        ("end_offset", ColumnType.Int64), ("text", ColumnType.Text),
    ]);

    public static readonly TableDef Quotes = new("quotes",
    [
        ("document_id", ColumnType.Int64), ("ord", ColumnType.Int64), ("quote_id", ColumnType.Text), ("kind", ColumnType.Text),
        ("text", ColumnType.Text), ("start_offset", ColumnType.Int64), ("end_offset", ColumnType.Int64),
        ("speaker_entity", ColumnType.Text), ("speaker_name", ColumnType.Text), ("speaker_key", ColumnType.Text),
        ("speaker_text", ColumnType.Text), ("cue", ColumnType.Text), ("anonymous", ColumnType.Int64),
    ]);

    public static readonly TableDef QuoteOccurrences = new("quote_occurrences",
    [
        ("document_id", ColumnType.Int64), ("quote_ord", ColumnType.Int64), ("start_offset", ColumnType.Int64), ("end_offset", ColumnType.Int64),
    ]);

    public static readonly TableDef Times = new("times",
    [
        ("document_id", ColumnType.Int64), ("ord", ColumnType.Int64), ("time_id", ColumnType.Text), ("text", ColumnType.Text),
        ("start_offset", ColumnType.Int64), ("end_offset", ColumnType.Int64), ("type", ColumnType.Text), ("value", ColumnType.Text),
        ("mod", ColumnType.Text),
    ]);

    public static readonly TableDef Quantities = new("quantities",
    [
        ("document_id", ColumnType.Int64), ("ord", ColumnType.Int64), ("quantity_id", ColumnType.Text), ("text", ColumnType.Text),
        ("start_offset", ColumnType.Int64), ("end_offset", ColumnType.Int64), ("value", ColumnType.Double),
        ("qualifier", ColumnType.Text), ("unit", ColumnType.Text), ("kind", ColumnType.Text),
    ]);

    public static readonly TableDef Casualties = new("casualties",
    [
        ("document_id", ColumnType.Int64), ("ord", ColumnType.Int64), ("quantity_id", ColumnType.Text), ("kind", ColumnType.Text),
        ("count", ColumnType.Double), ("trigger_start", ColumnType.Int64), ("trigger_end", ColumnType.Int64),
        ("trigger_text", ColumnType.Text), ("event_start", ColumnType.Int64), ("event_end", ColumnType.Int64), ("event_text", ColumnType.Text),
    ]);

    public static readonly TableDef EventMentions = new("event_mentions",
    [
        ("document_id", ColumnType.Int64), ("ord", ColumnType.Int64), ("event_id", ColumnType.Text), ("cluster_id", ColumnType.Int64),
        ("cameo", ColumnType.Text), ("plover", ColumnType.Text), ("source_entity", ColumnType.Text), ("target_entity", ColumnType.Text),
        ("source_name", ColumnType.Text), ("target_name", ColumnType.Text), ("source_actor", ColumnType.Text),
        ("target_actor", ColumnType.Text), ("date", ColumnType.Text), ("day", ColumnType.Text), ("place_entity", ColumnType.Text),
        ("place_name", ColumnType.Text), ("fatalities", ColumnType.Int64), ("injured", ColumnType.Int64), ("sentence", ColumnType.Int64),
        ("trigger_start", ColumnType.Int64), ("trigger_end", ColumnType.Int64), ("trigger_text", ColumnType.Text),
        ("negated", ColumnType.Int64), ("modality", ColumnType.Text), ("quote_id", ColumnType.Text), ("outlet", ColumnType.Text),
        ("triggers", ColumnType.Text),
    ]);

    /// <summary>SQLite only: full-text rows (rowid = document id).</summary>
    public static readonly TableDef DocumentsFts = new("documents_fts",
        [("rowid", ColumnType.Int64), ("title", ColumnType.Text), ("text", ColumnType.Text)]);

    /// <summary>SQLite only: full-text rows of quotes (rowid = document id × 65536 + quote ordinal).</summary>
    public static readonly TableDef QuotesFts = new("quotes_fts", [("rowid", ColumnType.Int64), ("text", ColumnType.Text)]);

    public const int QuoteRowidFactor = 65536;
}

/// <summary>Rows for several tables, gathered for one transaction.</summary>
internal sealed class RowSet
{
    private readonly Dictionary<TableDef, List<object?[]>> _rows = [];
    private readonly List<TableDef> _order = [];

    public void Add(TableDef table, params object?[] values)
    {
        if (values.Length != table.Columns.Length) throw new ArgumentException($"{table.Name}: {values.Length} values for {table.Columns.Length} columns");
        if (!_rows.TryGetValue(table, out var list))
        {
            _rows[table] = list = [];
            _order.Add(table);
        }
        list.Add(values);
    }

    public IEnumerable<(TableDef Table, List<object?[]> Rows)> Tables
    {
        get { foreach (var t in _order) yield return (t, _rows[t]); }
    }

    public void Clear()
    {
        _rows.Clear();
        _order.Clear();
    }
}
