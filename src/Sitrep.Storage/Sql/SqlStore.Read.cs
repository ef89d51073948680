using System.Data.Common;
using System.Globalization;

namespace Sitrep.Storage.Sql;

public abstract partial class SqlStore
{
    public Task<StoredDocument?> GetDocumentAsync(long id, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        var ct = cancellationToken;
        await using var c = await OpenConnectionAsync(ct).ConfigureAwait(false);
        DocumentRow info;
        DocumentMetadata metadata;
        string text;
        string? regions;
        await using (var cmd = Command(c, null,
            $"SELECT {DocumentColumns}, d.text, d.regions, d.byline, d.dateline, d.dateline_start, d.dateline_end, d.language, d.published_has_time " +
            "FROM documents d WHERE d.id = @id", ("@id", id)))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            if (!await r.ReadAsync(ct).ConfigureAwait(false)) return null;
            info = ReadDocument(r);
            text = r.GetString(13);
            regions = Str(r, 14);
            long? ds = Long(r, 17), de = Long(r, 18);
            metadata = new DocumentMetadata
            {
                Id = info.Id.ToString(CultureInfo.InvariantCulture), Source = info.Source, Url = info.Url, Title = info.Title, Publisher = info.Publisher,
                Published = info.Published is { } p ? DateTimeOffset.Parse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
                PublishedHasTime = r.GetInt64(20) != 0, Byline = Str(r, 15), Dateline = Str(r, 16),
                DatelineSpan = ds is { } s && de is { } e ? new TextSpan((int)s, (int)e) : null, Language = Str(r, 19),
            };
        }
        var doc = new Document(text, metadata);
        doc.Regions.AddRange(RegionsFromString(regions));

        var mentions = new Dictionary<long, List<Mention>>();
        await ReadRowsAsync(c, "SELECT entity_ord, start_offset, end_offset, text FROM mentions WHERE document_id = @id ORDER BY entity_ord, start_offset", id, r =>
        {
            long ord = r.GetInt64(0);
            if (!mentions.TryGetValue(ord, out var list)) mentions[ord] = list = [];
            list.Add(new Mention((int)r.GetInt64(1), (int)r.GetInt64(2), r.GetString(3)));
        }, ct).ConfigureAwait(false);
        await ReadRowsAsync(c, "SELECT ord, entity_id, type, name, title, country, actor, lat, lon, geoname_id, country_code, admin1, feature_code, confidence " +
                               "FROM entities WHERE document_id = @id ORDER BY ord", id, r =>
        {
            var e = new Entity
            {
                Id = r.GetString(1), Type = Enum.Parse<EntityType>(r.GetString(2)), Name = r.GetString(3), Title = Str(r, 4), Country = Str(r, 5), Actor = Str(r, 6),
                Place = r.IsDBNull(7) ? null : new Place(r.GetDouble(7), r.GetDouble(8), Long(r, 9), Str(r, 10), Str(r, 11), Str(r, 12), Dbl(r, 13)),
            };
            if (mentions.TryGetValue(r.GetInt64(0), out var list)) e.Mentions.AddRange(list);
            doc.Entities.Add(e);
        }, ct).ConfigureAwait(false);

        var occurrences = new Dictionary<long, List<TextSpan>>();
        await ReadRowsAsync(c, "SELECT quote_ord, start_offset, end_offset FROM quote_occurrences WHERE document_id = @id ORDER BY quote_ord, start_offset", id, r =>
        {
            long ord = r.GetInt64(0);
            if (!occurrences.TryGetValue(ord, out var list)) occurrences[ord] = list = [];
            list.Add(new TextSpan((int)r.GetInt64(1), (int)r.GetInt64(2)));
        }, ct).ConfigureAwait(false);
        await ReadRowsAsync(c, "SELECT ord, quote_id, kind, text, start_offset, end_offset, speaker_entity, speaker_text, cue, anonymous FROM quotes WHERE document_id = @id ORDER BY ord", id, r =>
        {
            var q = new Quote
            {
                Id = r.GetString(1), Kind = Enum.Parse<QuoteKind>(r.GetString(2), ignoreCase: true), Text = r.GetString(3), Start = (int)r.GetInt64(4), End = (int)r.GetInt64(5),
                Speaker = Str(r, 6), SpeakerText = Str(r, 7), Cue = Str(r, 8), Anonymous = r.GetInt64(9) != 0,
            };
            if (occurrences.TryGetValue(r.GetInt64(0), out var list)) q.Occurrences.AddRange(list);
            doc.Quotes.Add(q);
        }, ct).ConfigureAwait(false);
        await ReadRowsAsync(c, "SELECT time_id, text, start_offset, end_offset, type, value, mod FROM times WHERE document_id = @id ORDER BY ord", id, r =>
            doc.Times.Add(new TimeExpression
            {
                Id = r.GetString(0), Text = r.GetString(1), Start = (int)r.GetInt64(2), End = (int)r.GetInt64(3), Type = Enum.Parse<TimeType>(r.GetString(4)),
                Value = Str(r, 5), Mod = Str(r, 6),
            }), ct).ConfigureAwait(false);
        await ReadRowsAsync(c, "SELECT quantity_id, text, start_offset, end_offset, value, qualifier, unit, kind FROM quantities WHERE document_id = @id ORDER BY ord", id, r =>
            doc.Quantities.Add(new Quantity
            {
                Id = r.GetString(0), Text = r.GetString(1), Start = (int)r.GetInt64(2), End = (int)r.GetInt64(3), Value = Dbl(r, 4), Qualifier = Str(r, 5),
                Unit = Str(r, 6), Kind = Enum.Parse<QuantityKind>(r.GetString(7)),
            }), ct).ConfigureAwait(false);
        await ReadRowsAsync(c, "SELECT quantity_id, kind, count, trigger_start, trigger_end, trigger_text, event_start, event_end, event_text FROM casualties WHERE document_id = @id ORDER BY ord", id, r =>
            doc.Casualties.Add(new Casualty
            {
                QuantityId = r.GetString(0), Kind = Enum.Parse<CasualtyKind>(r.GetString(1), ignoreCase: true), Count = Dbl(r, 2),
                Trigger = new Mention((int)r.GetInt64(3), (int)r.GetInt64(4), r.GetString(5)),
                Event = r.IsDBNull(6) ? null : new Mention((int)r.GetInt64(6), (int)r.GetInt64(7), r.GetString(8)),
            }), ct).ConfigureAwait(false);
        var eventIds = new Dictionary<string, long>(StringComparer.Ordinal);
        await ReadRowsAsync(c, "SELECT event_id, cluster_id, cameo, plover, source_entity, target_entity, source_actor, target_actor, date, place_entity, fatalities, injured, " +
                               "sentence, trigger_start, trigger_end, trigger_text, negated, modality, quote_id, triggers FROM event_mentions WHERE document_id = @id ORDER BY ord", id, r =>
        {
            eventIds[r.GetString(0)] = r.GetInt64(1);
            doc.Events.Add(new Event
            {
                Id = r.GetString(0), Cameo = r.GetString(2), Plover = Str(r, 3), Source = Str(r, 4), Target = Str(r, 5), SourceActor = Str(r, 6), TargetActor = Str(r, 7),
                Date = Str(r, 8), Place = Str(r, 9), Fatalities = Int(r, 10), Injured = Int(r, 11), Sentence = (int)r.GetInt64(12),
                Trigger = new EventTrigger((int)r.GetInt64(13), (int)r.GetInt64(14), r.GetString(15)), Negated = r.GetInt64(16) != 0,
                Modality = Enum.Parse<Modality>(r.GetString(17), ignoreCase: true), Quote = Str(r, 18),
                Mentions = EventTriggers.Decode(Str(r, 19)),
            });
        }, ct).ConfigureAwait(false);
        var story = new List<long>();
        await ReadRowsAsync(c, "SELECT id FROM documents WHERE story_id = (SELECT story_id FROM documents WHERE id = @id) ORDER BY id", id, r => story.Add(r.GetInt64(0)), ct).ConfigureAwait(false);
        doc.Layers.Add("store");
        return (StoredDocument?)new StoredDocument { Info = info, Document = doc, Story = story, EventIds = eventIds };
    });

    private static async Task ReadRowsAsync(DbConnection c, string sql, long id, Action<DbDataReader> read, CancellationToken ct)
    {
        await using var cmd = Command(c, null, sql, ("@id", id));
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false)) read(r);
    }
}
