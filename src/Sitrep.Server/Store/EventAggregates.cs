using System.Globalization;
using Microsoft.Data.Sqlite;
using Sitrep.Storage;
using Sitrep.Storage.Sql;
using Sitrep.Storage.Sqlite;

namespace Sitrep.Server.Store;

/// <summary>A map marker: events at one place (with counts per CAMEO quad class) or a resolved place without events.</summary>
public sealed record MapPoint(string Kind, string Name, double Lat, double Lon, long Count, long[] Quads, int DominantQuad, string? CountryCode);

public sealed record TimelineSeries(string Key, string Label, long[] Counts);

/// <summary>Events per day, one series per CAMEO quad class or root; <see cref="Days"/> is continuous from first to last.</summary>
public sealed record Timeline(string By, IReadOnlyList<string> Days, IReadOnlyList<TimelineSeries> Series, bool Truncated);

/// <summary>
/// Server-side aggregation for the map and the timeline, so the page never receives every event.
/// The store's public interface has no grouped queries, so this is an adapter: over SQLite it runs GROUP BY
/// queries on a read-only connection to the same file with the store's own filter SQL (<see cref="SqlStore.EventFilter"/>)
/// for actor, cameo, plover, place, near, from and to; for PostgreSQL, or with the speaker/q filters, it tallies pages of
/// <see cref="IStore.QueryEventsAsync"/> up to <see cref="FallbackCap"/> events and says when it stopped early.
/// </summary>
public sealed class EventAggregates(IStore store)
{
    public const int FallbackCap = 200_000;
    public const int MaxPlaces = 3000;

    private readonly string? _sqlite = store is SqliteStore s
        ? new SqliteConnectionStringBuilder { DataSource = s.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = true, DefaultTimeout = 30 }.ToString()
        : null;

    // Grouping a million events takes SQLite a second or more, so results are kept per store version (the newest
    // event cluster and document ids: any ingest changes one of them) and reused until the store changes.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Version, object Result)> _cache = new(StringComparer.Ordinal);
    private const int CacheEntries = 256;

    private async Task<string?> VersionAsync(CancellationToken ct)
    {
        if (_sqlite is null) return null;
        await using var c = await OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT (SELECT max(id) FROM event_clusters) || ':' || (SELECT max(id) FROM documents) || ':' || (SELECT count(*) FROM errors)";
        return Convert.ToString(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) ?? "";
    }

    private async Task<T> CachedAsync<T>(string key, Func<Task<T>> compute, CancellationToken ct) where T : class
    {
        var version = await VersionAsync(ct);
        if (version is null) return await compute();
        if (_cache.TryGetValue(key, out var hit) && hit.Version == version) return (T)hit.Result;
        var result = await compute();
        if (_cache.Count >= CacheEntries) _cache.Clear();
        _cache[key] = (version, result);
        return result;
    }

    /// <summary>Computes the unfiltered map and timeline once at start, so the first visitor does not wait for them.</summary>
    public async Task WarmAsync(CancellationToken ct)
    {
        var all = new StoreQuery();
        await MapAsync(all, places: true, ct);
        await TimelineAsync(all, "quad", ct);
    }

    private bool UsesSql(StoreQuery q) => _sqlite is not null && q.Speaker is null && q.Text is null && q.DocumentId is null;

    public static int QuadOf(string? cameoRoot)
    {
        if (cameoRoot is null || cameoRoot.Length < 2 || !int.TryParse(cameoRoot.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int root)) return 0;
        return root switch { >= 1 and <= 5 => 1, >= 6 and <= 8 => 2, >= 9 and <= 13 => 3, >= 14 and <= 20 => 4, _ => 0 };
    }

    // ---- map -------------------------------------------------------------------------------------------------------

    public Task<IReadOnlyList<MapPoint>> MapAsync(StoreQuery q, bool places, CancellationToken ct) =>
        CachedAsync("map|" + places + "|" + (q with { Limit = 0, Cursor = null }), () => ComputeMapAsync(q, places, ct), ct);

    public Task<Timeline> TimelineAsync(StoreQuery q, string by, CancellationToken ct) =>
        CachedAsync("timeline|" + by + "|" + (q with { Limit = 0, Cursor = null }), () => ComputeTimelineAsync(q, by, ct), ct);

    private async Task<IReadOnlyList<MapPoint>> ComputeMapAsync(StoreQuery q, bool places, CancellationToken ct)
    {
        // (lat, lon) -> name, country, counts per quad
        var points = new Dictionary<(double, double), (string Name, string? Country, long[] Quads)>();
        void Tally(double lat, double lon, string? name, string? country, string? root, long n)
        {
            var key = (Math.Round(lat, 4), Math.Round(lon, 4));
            if (!points.TryGetValue(key, out var p)) points[key] = p = (name ?? "?", country, new long[5]);
            p.Quads[QuadOf(root)] += n;
        }

        if (UsesSql(q))
        {
            var w = Where(q);
            w.Add("c.lat IS NOT NULL AND c.lon IS NOT NULL");
            var sql = $"SELECT c.lat, c.lon, min(c.place_name), min(c.country_code), c.cameo_root, count(*) FROM event_clusters c{w} GROUP BY c.lat, c.lon, c.cameo_root";
            await using var c = await OpenAsync(ct);
            await using var cmd = Command(c, sql, w);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                Tally(r.GetDouble(0), r.GetDouble(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetInt64(5));
        }
        else
        {
            await foreach (var e in AllEvents(q, ct))
                if (e.Lat is { } lat && e.Lon is { } lon) Tally(lat, lon, e.PlaceName, e.CountryCode, e.CameoRoot, 1);
        }

        var result = new List<MapPoint>(points.Count);
        foreach (var ((lat, lon), p) in points)
        {
            long total = p.Quads.Sum();
            int dominant = 0;
            for (int i = 1; i < 5; i++) if (p.Quads[i] > p.Quads[dominant]) dominant = i;
            result.Add(new MapPoint("events", p.Name, lat, lon, total, p.Quads[1..], dominant, p.Country));
        }
        if (places && q.Cameo is null && q.Plover is null && q.Actor is null && q.Speaker is null)
        {
            var entities = await store.QueryEntitiesAsync(new StoreQuery { Place = q.Place, Near = q.Near, From = q.From, To = q.To, Text = q.Text, DocumentId = q.DocumentId, Limit = 10_000 }, ct);
            int added = 0;
            foreach (var e in entities.Items)
            {
                if (e.Lat is not { } lat || e.Lon is not { } lon || e.Type is not (EntityType.GPE or EntityType.LOC or EntityType.FAC)) continue;
                if (points.ContainsKey((Math.Round(lat, 4), Math.Round(lon, 4)))) continue;
                result.Add(new MapPoint("place", e.Name, lat, lon, e.Mentions, new long[4], 0, e.CountryCode));
                if (++added >= MaxPlaces) break;
            }
        }
        result.Sort((a, b) => b.Count.CompareTo(a.Count));
        return result;
    }

    // ---- timeline --------------------------------------------------------------------------------------------------

    private async Task<Timeline> ComputeTimelineAsync(StoreQuery q, string by, CancellationToken ct)
    {
        var counts = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        bool truncated = false;
        void Tally(string day, string root, long n)
        {
            if (day.Length != 10) return;
            string key = by == "quad" ? QuadOf(root).ToString(CultureInfo.InvariantCulture) : root;
            if (!counts.TryGetValue(day, out var perKey)) counts[day] = perKey = [];
            perKey[key] = perKey.GetValueOrDefault(key) + n;
        }

        if (UsesSql(q))
        {
            var w = Where(q);
            w.Add("c.day <> ''");
            var sql = $"SELECT c.day, c.cameo_root, count(*) FROM event_clusters c{w} GROUP BY c.day, c.cameo_root";
            await using var c = await OpenAsync(ct);
            await using var cmd = Command(c, sql, w);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) Tally(r.GetString(0), r.GetString(1), r.GetInt64(2));
        }
        else
        {
            int n = 0;
            await foreach (var e in AllEvents(q, ct))
            {
                if (e.Day is { } day) Tally(day, e.CameoRoot, 1);
                n++;
            }
            truncated = n >= FallbackCap;
        }

        var days = new List<string>();
        if (counts.Count > 0)
        {
            var first = DateOnly.ParseExact(counts.Keys.First(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var last = DateOnly.ParseExact(counts.Keys.Last(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (last.DayNumber - first.DayNumber <= 3660)
                for (var d = first; d <= last; d = d.AddDays(1)) days.Add(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            else days.AddRange(counts.Keys);
        }
        var keys = counts.Values.SelectMany(v => v.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var series = new List<TimelineSeries>();
        foreach (var key in keys)
        {
            var values = new long[days.Count];
            for (int i = 0; i < days.Count; i++)
                if (counts.TryGetValue(days[i], out var perKey)) values[i] = perKey.GetValueOrDefault(key);
            series.Add(new TimelineSeries(key, Label(by, key), values));
        }
        return new Timeline(by, days, series, truncated);
    }

    private static readonly string[] QuadNames = ["Other", "Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"];

    private static string Label(string by, string key) =>
        by == "quad" ? QuadNames[int.Parse(key, CultureInfo.InvariantCulture)] : key;

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private async IAsyncEnumerable<EventRow> AllEvents(StoreQuery q, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var page = q with { Limit = 10_000, Cursor = null };
        int n = 0;
        while (true)
        {
            var result = await store.QueryEventsAsync(page, ct);
            foreach (var e in result.Items)
            {
                yield return e;
                if (++n >= FallbackCap) yield break;
            }
            if (result.NextCursor is null) yield break;
            page = page with { Cursor = result.NextCursor };
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_sqlite);
        await c.OpenAsync(ct);
        return c;
    }

    private sealed class SqlWhere
    {
        public readonly List<string> Clauses = [];
        public readonly List<(string Name, object Value)> Parameters = [];
        public void Add(string clause) => Clauses.Add(clause);
        public override string ToString() => Clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", Clauses);
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, SqlWhere w)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in w.Parameters) cmd.Parameters.AddWithValue(name, value);
        return cmd;
    }

    /// <summary>The store's own event filters over event_clusters (alias c).</summary>
    private SqlWhere Where(StoreQuery q)
    {
        var w = new SqlWhere();
        var filter = ((SqlStore)store).EventFilter(q);
        foreach (var condition in filter.Conditions) w.Add(condition);
        foreach (var (name, value) in filter.Parameters) w.Parameters.Add((name, value ?? DBNull.Value));
        return w;
    }
}
