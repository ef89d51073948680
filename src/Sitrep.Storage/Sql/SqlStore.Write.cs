using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Sitrep.Storage.Sql;

public abstract partial class SqlStore
{
    public async Task<AddResult> AddDocumentAsync(Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var batch = new WriteBatch();
        batch.Documents.Add(new DocumentInput(document));
        var results = await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    public Task<IReadOnlyList<AddResult>> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty) return (IReadOnlyList<AddResult>)[];
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await BeginWriteAsync(c, cancellationToken).ConfigureAwait(false);
            var results = await WriteBatchAsync(c, tx, batch, cancellationToken).ConfigureAwait(false);
            // The transaction must commit even when the caller gives up now: a half-written batch is never visible anyway.
            await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return results;
        }
        finally { _writeLock.Release(); }
    });

    private sealed record Pending(long Id, long StoryId, ulong[] Signature, long[] Bands);

    private async Task<IReadOnlyList<AddResult>> WriteBatchAsync(DbConnection c, DbTransaction tx, WriteBatch batch, CancellationToken ct)
    {
        var rows = new RowSet();
        var results = new List<AddResult>(batch.Documents.Count);
        var pending = new List<Pending>();
        var byHash = new Dictionary<string, long>(StringComparer.Ordinal);
        var touchedClusters = new HashSet<long>();
        string now = Now();

        // Which documents are new: content hash not stored and not earlier in this batch.
        var hashes = new string[batch.Documents.Count];
        for (int i = 0; i < hashes.Length; i++) hashes[i] = batch.Documents[i].ContentHash ?? ContentHash.Of(batch.Documents[i].Document.Text);
        var existing = await ExistingHashesAsync(c, tx, hashes, ct).ConfigureAwait(false);
        int fresh = 0;
        foreach (var h in hashes.Distinct(StringComparer.Ordinal)) if (!existing.ContainsKey(h)) fresh++;
        var ids = fresh == 0 ? [] : await AllocateDocumentIdsAsync(c, tx, fresh, ct).ConfigureAwait(false);
        int nextId = 0;

        for (int i = 0; i < batch.Documents.Count; i++)
        {
            var input = batch.Documents[i];
            var hash = hashes[i];
            if (existing.TryGetValue(hash, out var old)) { results.Add(new AddResult(old.Id, AddOutcome.Duplicate, old.StoryId, null)); continue; }
            if (byHash.TryGetValue(hash, out var earlier))
            {
                var p = pending.First(x => x.Id == earlier);
                results.Add(new AddResult(earlier, AddOutcome.Duplicate, p.StoryId, null));
                continue;
            }
            long id = ids[nextId++];
            var signature = input.Signature ?? NearDuplicates.Signature(input.Document.Text);
            var bands = NearDuplicates.BandHashes(signature);
            var (storyId, similarTo) = await FindStoryAsync(c, tx, id, signature, bands, pending, ct).ConfigureAwait(false);
            pending.Add(new Pending(id, storyId, signature, bands));
            byHash[hash] = id;
            await AddDocumentRowsAsync(c, tx, rows, id, storyId, hash, input.Document, signature, bands, batch.RunId, now, touchedClusters, ct).ConfigureAwait(false);
            results.Add(new AddResult(id, AddOutcome.Added, storyId, similarTo));
        }

        foreach (var s in batch.Sources)
            await ExecAsync(c, tx, "INSERT INTO sources (hash, source, documents, run_id, at) VALUES (@h, @s, @d, @r, @a) ON CONFLICT (hash) DO NOTHING", ct,
                ("@h", s.Hash), ("@s", s.Source), ("@d", (long)s.Documents), ("@r", batch.RunId), ("@a", now)).ConfigureAwait(false);
        foreach (var e in batch.Errors)
            await ExecAsync(c, tx, "INSERT INTO errors (run_id, source, reason, at) VALUES (@r, @s, @m, @a)", ct,
                ("@r", e.RunId ?? batch.RunId), ("@s", e.Source), ("@m", e.Reason), ("@a", e.At ?? now)).ConfigureAwait(false);

        await WriteRowsAsync(c, tx, rows, ct).ConfigureAwait(false);
        await RefreshClustersAsync(c, tx, touchedClusters, ct).ConfigureAwait(false);
        return results;
    }

    private async Task<Dictionary<string, (long Id, long StoryId)>> ExistingHashesAsync(DbConnection c, DbTransaction tx, string[] hashes, CancellationToken ct)
    {
        var found = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        await using var cmd = Command(c, tx, "SELECT id, story_id FROM documents WHERE content_hash = @h");
        AddParameter(cmd, "@h", "");
        foreach (var h in hashes)
        {
            if (found.ContainsKey(h)) continue;
            cmd.Parameters[0].Value = h;
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (await r.ReadAsync(ct).ConfigureAwait(false)) found[h] = (r.GetInt64(0), r.GetInt64(1));
        }
        return found;
    }

    /// <summary>The story of a new document: that of the most similar earlier document at or above the threshold, else its own.</summary>
    private async Task<(long StoryId, long? SimilarTo)> FindStoryAsync(DbConnection c, DbTransaction tx, long id, ulong[] signature, long[] bands,
        List<Pending> pending, CancellationToken ct)
    {
        double threshold = Options.NearDuplicateThreshold;
        if (threshold > 1) return (id, null);
        double best = -1;
        long bestStory = id;
        long? bestDoc = null;
        foreach (var p in pending)
        {
            if (!SharesBand(bands, p.Bands)) continue;
            double sim = NearDuplicates.Similarity(signature, p.Signature);
            if (sim >= threshold && sim > best) (best, bestStory, bestDoc) = (sim, p.StoryId, p.Id);
        }
        var sql = new StringBuilder("SELECT d.id, d.story_id, d.minhash FROM documents d WHERE d.id IN (SELECT document_id FROM document_bands WHERE ");
        var parameters = new List<(string, object?)>();
        for (int b = 0; b < bands.Length; b++)
        {
            if (b > 0) sql.Append(" OR ");
            sql.Append(CultureInfo.InvariantCulture, $"(band = {b} AND hash = @b{b})");
            parameters.Add(($"@b{b}", bands[b]));
        }
        sql.Append(") LIMIT 64");
        await using (var cmd = Command(c, tx, sql.ToString(), [.. parameters]))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                if (r.IsDBNull(2)) continue;
                var other = NearDuplicates.FromBytes((byte[])r.GetValue(2));
                double sim = NearDuplicates.Similarity(signature, other);
                long docId = r.GetInt64(0);
                if (sim >= threshold && (sim > best || sim == best && docId < bestDoc)) (best, bestStory, bestDoc) = (sim, r.GetInt64(1), docId);
            }
        }
        return (bestStory, bestDoc);
    }

    private static bool SharesBand(long[] a, long[] b)
    {
        for (int i = 0; i < a.Length; i++) if (a[i] == b[i]) return true;
        return false;
    }

    private async Task AddDocumentRowsAsync(DbConnection c, DbTransaction tx, RowSet rows, long id, long storyId, string hash, Document doc,
        ulong[] signature, long[] bands, long? runId, string now, HashSet<long> touchedClusters, CancellationToken ct)
    {
        var m = doc.Metadata;
        string? published = m.Published is { } p ? (m.PublishedHasTime ? p.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null;
        string publishedDay = m.Published is { } pd ? pd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        rows.Add(Schema.Documents, id, hash, storyId, m.Source, m.Url, m.Title, m.Publisher, published, publishedDay, m.PublishedHasTime ? 1L : 0L,
            m.Byline, m.Dateline, (long?)m.DatelineSpan?.Start, (long?)m.DatelineSpan?.End, m.Language, doc.Text, RegionsToString(doc.Regions),
            (long)doc.Text.Length, (long)doc.Entities.Count, (long)doc.Quotes.Count, (long)doc.Events.Count, NearDuplicates.ToBytes(signature), runId, now);
        for (int b = 0; b < bands.Length; b++) rows.Add(Schema.DocumentBands, (long)b, bands[b], id);
        if (WritesFullTextRows) rows.Add(Schema.DocumentsFts, id, m.Title ?? "", doc.Text);

        var names = Options.PlaceNames;
        var entityById = new Dictionary<string, Entity>(StringComparer.Ordinal);
        for (int i = 0; i < doc.Entities.Count; i++)
        {
            var e = doc.Entities[i];
            entityById.TryAdd(e.Id, e);
            var pl = e.Place;
            var (countryKey, admin1Key) = PlaceKeys(pl, names);
            rows.Add(Schema.Entities, id, (long)i, e.Id, e.Type.ToString(), e.Name, Key(e.Name), e.Title, e.Country, e.Actor, (long)e.Mentions.Count,
                pl?.Lat, pl?.Lon, pl?.GeonameId, pl?.CountryCode, pl?.Admin1, pl?.FeatureCode, pl?.Confidence,
                pl is null ? null : Key(e.Name), countryKey, admin1Key);
            foreach (var mention in e.Mentions) rows.Add(Schema.Mentions, id, (long)i, (long)mention.Start, (long)mention.End, mention.Text);
        }
        var quoteById = new Dictionary<string, Quote>(StringComparer.Ordinal);
        for (int i = 0; i < doc.Quotes.Count; i++)
        {
            var q = doc.Quotes[i];
            quoteById.TryAdd(q.Id, q);
            string? speakerName = q.Speaker is { } sid && entityById.TryGetValue(sid, out var se) ? se.Name : q.SpeakerText;
            rows.Add(Schema.Quotes, id, (long)i, q.Id, q.Kind.ToString().ToLowerInvariant(), q.Text, (long)q.Start, (long)q.End, q.Speaker, speakerName,
                speakerName is null ? null : Key(speakerName), q.SpeakerText, q.Cue, q.Anonymous ? 1L : 0L);
            foreach (var o in q.Occurrences) rows.Add(Schema.QuoteOccurrences, id, (long)i, (long)o.Start, (long)o.End);
            if (WritesFullTextRows && i < Schema.QuoteRowidFactor) rows.Add(Schema.QuotesFts, id * Schema.QuoteRowidFactor + i, q.Text);
        }
        for (int i = 0; i < doc.Times.Count; i++)
        {
            var t = doc.Times[i];
            rows.Add(Schema.Times, id, (long)i, t.Id, t.Text, (long)t.Start, (long)t.End, t.Type.ToString(), t.Value, t.Mod);
        }
        for (int i = 0; i < doc.Quantities.Count; i++)
        {
            var q = doc.Quantities[i];
            rows.Add(Schema.Quantities, id, (long)i, q.Id, q.Text, (long)q.Start, (long)q.End, q.Value, q.Qualifier, q.Unit, q.Kind.ToString());
        }
        for (int i = 0; i < doc.Casualties.Count; i++)
        {
            var k = doc.Casualties[i];
            rows.Add(Schema.Casualties, id, (long)i, k.QuantityId, k.Kind.ToString().ToLowerInvariant(), k.Count, (long)k.Trigger.Start, (long)k.Trigger.End,
                k.Trigger.Text, (long?)k.Event?.Start, (long?)k.Event?.End, k.Event?.Text);
        }

        string outlet = Outlet(m);
        var points = new HashSet<(double Lat, double Lon)>();
        for (int i = 0; i < doc.Events.Count; i++)
        {
            var ev = doc.Events[i];
            var source = ev.Source is { } s && entityById.TryGetValue(s, out var se) ? se : null;
            var target = ev.Target is { } t && entityById.TryGetValue(t, out var te) ? te : null;
            var place = ev.Place is { } pid && entityById.TryGetValue(pid, out var pe) ? pe : null;
            string day = EventDay(ev.Date) ?? publishedDay;
            string sourceActor = ev.SourceActor ?? source?.Actor ?? "";
            string targetActor = ev.TargetActor ?? target?.Actor ?? "";
            string key = DedupKey(ev, sourceActor, source, targetActor, target, day, place);
            var (countryKey, admin1Key) = PlaceKeys(place?.Place, names);
            long clusterId = await ScalarLongAsync(c, tx,
                """
                INSERT INTO event_clusters (dedup_key, cameo, cameo_root, plover, source_actor, target_actor, source_name, target_name, day,
                  place_name, place_key, country_code, country_key, admin1, admin1_key, lat, lon, geoname_id, fatalities, injured,
                  num_mentions, num_sources, num_articles, first_document, trigger_text, source_url)
                VALUES (@k, @cameo, @root, @plover, @sa, @ta, @sn, @tn, @day, @pn, @pk, @cc, @ck, @a1, @a1k, @lat, @lon, @gid, @fat, @inj,
                  0, 0, 0, @doc, @trig, @url)
                ON CONFLICT (dedup_key) DO UPDATE SET dedup_key = excluded.dedup_key
                RETURNING id
                """, ct,
                ("@k", key), ("@cameo", ev.Cameo), ("@root", CameoRoot(ev.Cameo)), ("@plover", ev.Plover), ("@sa", NullIfEmpty(sourceActor)),
                ("@ta", NullIfEmpty(targetActor)), ("@sn", source?.Name), ("@tn", target?.Name), ("@day", day), ("@pn", place?.Name),
                ("@pk", place is null ? null : Key(place.Name)), ("@cc", place?.Place?.CountryCode), ("@ck", countryKey),
                ("@a1", place?.Place?.Admin1), ("@a1k", admin1Key), ("@lat", place?.Place?.Lat), ("@lon", place?.Place?.Lon),
                ("@gid", place?.Place?.GeonameId), ("@fat", (long?)ev.Fatalities), ("@inj", (long?)ev.Injured), ("@doc", id),
                ("@trig", ev.Trigger.Text), ("@url", m.Url ?? m.Source)).ConfigureAwait(false);
            touchedClusters.Add(clusterId);
            if (place?.Place is { } at) points.Add((at.Lat, at.Lon));
            rows.Add(Schema.EventMentions, id, (long)i, ev.Id, clusterId, ev.Cameo, ev.Plover, ev.Source, ev.Target, source?.Name, target?.Name,
                ev.SourceActor, ev.TargetActor, ev.Date, day, ev.Place, place?.Name, (long?)ev.Fatalities, (long?)ev.Injured,
                (long)ev.Sentence, (long)ev.Trigger.Start, (long)ev.Trigger.End, ev.Trigger.Text, ev.Negated ? 1L : 0L,
                ev.Modality.ToString().ToLowerInvariant(), ev.Quote, outlet, EventTriggers.Encode(ev.Mentions));
        }
        // Every coordinate an event cluster may carry is in event_points (the --near lookup relies on it).
        foreach (var (lat, lon) in points)
            await ExecAsync(c, tx, "INSERT INTO event_points (lat, lon) VALUES (@lat, @lon) ON CONFLICT (lat, lon) DO NOTHING", ct,
                ("@lat", lat), ("@lon", lon)).ConfigureAwait(false);
    }

    private async Task RefreshClustersAsync(DbConnection c, DbTransaction tx, HashSet<long> clusters, CancellationToken ct)
    {
        if (clusters.Count == 0) return;
        await using var cmd = Command(c, tx,
            """
            UPDATE event_clusters SET (num_mentions, num_articles, num_sources, fatalities, injured) =
              (SELECT count(*), count(DISTINCT m.document_id), count(DISTINCT m.outlet), max(m.fatalities), max(m.injured)
               FROM event_mentions m WHERE m.cluster_id = @id)
            WHERE id = @id
            """);
        AddParameter(cmd, "@id", 0L);
        foreach (var id in clusters.Order())
        {
            cmd.Parameters[0].Value = id;
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>The cross-article key of an event under this store's <see cref="EventKeyRule"/>.</summary>
    internal string DedupKey(Event ev, string sourceActor, Entity? source, string targetActor, Entity? target, string day, Entity? place)
    {
        var rule = _eventKey;
        var sb = new StringBuilder();
        if (rule.Source) sb.Append("s=").Append(sourceActor.Length > 0 ? sourceActor : source is null ? "" : "~" + Key(source.Name)).Append('|');
        if (rule.Target) sb.Append("t=").Append(targetActor.Length > 0 ? targetActor : target is null ? "" : "~" + Key(target.Name)).Append('|');
        if (rule.CameoDigits > 0) sb.Append("c=").Append(ev.Cameo.AsSpan(0, Math.Min(rule.CameoDigits, ev.Cameo.Length))).Append('|');
        if (rule.Day) sb.Append("d=").Append(day).Append('|');
        if (rule.Place)
        {
            sb.Append("p=");
            if (place?.Place?.GeonameId is { } gid) sb.Append(gid.ToString(CultureInfo.InvariantCulture));
            else if (place is not null) sb.Append('~').Append(Key(place.Name));
        }
        return sb.ToString();
    }

    internal static string CameoRoot(string cameo) => cameo.Length >= 2 ? cameo[..2] : cameo;

    /// <summary>The calendar day of a TIMEX3 value when it names one ("2016-10-26", "2016-10-26T14:00"), else null.</summary>
    internal static string? EventDay(string? value)
    {
        if (value is null || value.Length < 10) return null;
        return DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? value[..10] : null;
    }

    /// <summary>Who published it, for NumSources: the publisher, else the URL host, else the folder of the file.</summary>
    internal static string Outlet(DocumentMetadata m)
    {
        if (!string.IsNullOrWhiteSpace(m.Publisher)) return Key(m.Publisher);
        if (m.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)) return uri.Host.ToLowerInvariant();
        if (m.Source is { } src && src != "-") return Path.GetDirectoryName(src) ?? src;
        return "";
    }

    private static (string? Country, string? Admin1) PlaceKeys(Place? place, IPlaceNames? names)
    {
        if (place?.CountryCode is not { } cc || names is null) return (null, null);
        var country = names.CountryName(cc);
        var admin1 = place.Admin1 is { } a ? names.Admin1Name(cc, a) : null;
        return (country is null ? null : Key(country), admin1 is null ? null : Key(admin1));
    }

    internal static string Key(string name) => name.Trim().ToLowerInvariant();

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    internal static string RegionsToString(List<Region> regions)
    {
        var sb = new StringBuilder();
        foreach (var r in regions)
        {
            if (sb.Length > 0) sb.Append(';');
            sb.Append(CultureInfo.InvariantCulture, $"{r.Kind},{r.Start},{r.End},{r.Of}");
        }
        return sb.ToString();
    }

    internal static IEnumerable<Region> RegionsFromString(string? value)
    {
        if (string.IsNullOrEmpty(value)) yield break;
        foreach (var part in value.Split(';'))
        {
            var f = part.Split(',');
            if (f.Length == 4 && Enum.TryParse<RegionKind>(f[0], out var kind))
                yield return new Region(kind, int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture));
        }
    }
}
