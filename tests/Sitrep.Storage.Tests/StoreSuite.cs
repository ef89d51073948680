using Sitrep.Storage.Sql;

namespace Sitrep.Storage.Tests;

/// <summary>
/// The one store test suite. <see cref="SqliteStoreTests"/> runs it against a real SQLite file and
/// <see cref="PostgresStoreTests"/> against a real PostgreSQL server, so both implementations answer alike.
/// </summary>
public abstract class StoreSuite
{
    /// <summary>Opens a new, empty store.</summary>
    protected abstract Task<IStore> OpenEmptyAsync(StoreOptions? options = null);

    /// <summary>Opens the store of <paramref name="previous"/> again (same file or database).</summary>
    protected abstract Task<IStore> ReopenAsync(IStore previous, StoreOptions? options = null);

    /// <summary>Sets the stored schema version behind the store's back.</summary>
    protected abstract Task SetSchemaVersionAsync(IStore store, int version);

    /// <summary>Runs one SQL statement on the store's database behind its back.</summary>
    protected abstract Task ExecuteAsync(IStore store, string sql);

    protected static StoreOptions Options => new() { PlaceNames = new Fixtures.PlaceNames() };
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stored_document_comes_back_with_every_annotation_at_its_offsets()
    {
        await using var store = await OpenEmptyAsync(Options);
        var doc = Fixtures.Attack("Reuters", "https://example.org/a");
        var added = await store.AddDocumentAsync(doc, Ct);
        Assert.Equal(AddOutcome.Added, added.Outcome);

        var stored = await store.GetDocumentAsync(added.DocumentId, Ct);
        Assert.NotNull(stored);
        var back = stored.Document;
        Assert.Equal(doc.Text, back.Text);
        Assert.Equal("Reuters", back.Metadata.Publisher);
        Assert.Equal("2016-10-25", stored.Info.Published);
        Assert.Equal(doc.Regions, back.Regions);
        Assert.Equal(doc.Entities.Count, back.Entities.Count);
        for (int i = 0; i < doc.Entities.Count; i++)
        {
            Assert.Equal(doc.Entities[i].Name, back.Entities[i].Name);
            Assert.Equal(doc.Entities[i].Actor, back.Entities[i].Actor);
            Assert.Equal(doc.Entities[i].Place, back.Entities[i].Place);
            Assert.Equal(doc.Entities[i].Mentions, back.Entities[i].Mentions);
            foreach (var m in back.Entities[i].Mentions) Assert.Equal(m.Text, back.Text[m.Start..m.End]);
        }
        var q = Assert.Single(back.Quotes);
        Assert.Equal(q.Text, back.Text[q.Start..q.End]);
        Assert.Equal("e4", q.Speaker);
        Assert.Equal(doc.Quotes[0].Occurrences, q.Occurrences);
        var t = Assert.Single(back.Times);
        Assert.Equal("Tuesday", back.Text[t.Start..t.End]);
        Assert.Equal("2016-10-25", t.Value);
        Assert.Equal(12, Assert.Single(back.Quantities).Value);
        var k = Assert.Single(back.Casualties);
        Assert.Equal("killing", back.Text[k.Trigger.Start..k.Trigger.End]);
        Assert.Equal(doc.Events.Count, back.Events.Count);
        for (int i = 0; i < doc.Events.Count; i++) AssertSameEvent(doc.Events[i], back.Events[i]);
        foreach (var ev in back.Events) Assert.Equal(ev.Trigger.Text, back.Text[ev.Trigger.Start..ev.Trigger.End]);
        Assert.Equal(2, stored.EventIds.Count);
    }

    [Fact]
    public async Task Same_text_is_stored_once()
    {
        await using var store = await OpenEmptyAsync(Options);
        var first = await store.AddDocumentAsync(Fixtures.Attack("Reuters"), Ct);
        var again = await store.AddDocumentAsync(Fixtures.Attack("Reuters"), Ct);
        Assert.Equal(AddOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.DocumentId, again.DocumentId);
        var batch = new WriteBatch();
        batch.Documents.Add(new DocumentInput(Fixtures.Meeting()));
        batch.Documents.Add(new DocumentInput(Fixtures.Meeting()));
        var results = await store.WriteAsync(batch, Ct);
        Assert.Equal([AddOutcome.Added, AddOutcome.Duplicate], results.Select(r => r.Outcome));
        var stats = await store.StatsAsync(null, Ct);
        Assert.Equal(2, stats.Documents);
        Assert.Equal(3, stats.EventMentions);
        Assert.Equal(1, (await store.QueryEventsAsync(new StoreQuery { Place = "Mosul", Cameo = "19" }, Ct)).Items.Single().NumMentions);
    }

    [Fact]
    public async Task Same_event_in_several_articles_is_one_event_with_mentions_sources_and_articles()
    {
        await using var store = await OpenEmptyAsync(Options);
        await store.AddDocumentAsync(Fixtures.Attack("Reuters", extra: "Reporting by Reuters staff."), Ct);
        await store.AddDocumentAsync(Fixtures.Attack("Reuters", extra: "Updated with the army statement and new details from the front line."), Ct);
        await store.AddDocumentAsync(Fixtures.Attack("AFP", extra: "AFP contributed."), Ct);
        // Same actors, root 19 (195 is still "fight"), same day and place: the same event.
        await store.AddDocumentAsync(Fixtures.Attack("BBC", extra: "From the BBC.", cameo: "195"), Ct);

        var fights = await store.QueryEventsAsync(new StoreQuery { Cameo = "19" }, Ct);
        var e = Assert.Single(fights.Items);
        Assert.Equal(4, e.NumMentions);
        Assert.Equal(4, e.NumArticles);
        Assert.Equal(3, e.NumSources);
        Assert.Equal("IRQMIL", e.SourceActor);
        Assert.Equal("Mosul", e.PlaceName);
        Assert.Equal("2016-10-25", e.Day);
        Assert.Equal(12, e.Fatalities);

        var mentions = await store.GetEventMentionsAsync(e.Id, Ct);
        Assert.Equal(4, mentions.Count);
        Assert.Equal(4, mentions.Select(m => m.DocumentId).Distinct().Count());
        foreach (var m in mentions)
        {
            var doc = (await store.GetDocumentAsync(m.DocumentId, Ct))!.Document;
            Assert.Equal("attacked", doc.Text[m.TriggerStart..m.TriggerEnd]);
            Assert.Equal(0, m.Sentence);
        }
        Assert.Contains(mentions, m => m.Cameo == "195");

        // Another day is another event.
        await store.AddDocumentAsync(Fixtures.Attack("Reuters", day: "2016-10-26"), Ct);
        Assert.Equal(2, (await store.QueryEventsAsync(new StoreQuery { Cameo = "19" }, Ct)).Items.Count);
    }

    [Fact]
    public async Task Event_key_rule_is_configurable_and_kept_by_the_store()
    {
        var options = Options with { EventKey = EventKeyRule.Parse("source,target,cameo4,day,place") };
        await using var store = await OpenEmptyAsync(options);
        await store.AddDocumentAsync(Fixtures.Attack("Reuters", extra: "one"), Ct);
        await store.AddDocumentAsync(Fixtures.Attack("AFP", extra: "two", cameo: "195"), Ct);
        Assert.Equal(2, (await store.QueryEventsAsync(new StoreQuery { Cameo = "19" }, Ct)).Items.Count);
        await using var again = await ReopenAsync(store, Options);
        Assert.Equal("source,target,cameo4,day,place", ((SqlStore)again).EventKey.ToString());
    }

    [Fact]
    public async Task Lightly_edited_copy_joins_the_story_of_the_original()
    {
        await using var store = await OpenEmptyAsync(Options);
        var original = await store.AddDocumentAsync(Fixtures.Attack("Reuters", extra: "The offensive, which began last week, involves more than 30,000 troops backed by air strikes."), Ct);
        var copy = await store.AddDocumentAsync(Fixtures.Attack("Yahoo News", extra: "The offensive, which started last week, involves more than 30,000 troops backed by air strikes."), Ct);
        var other = await store.AddDocumentAsync(Fixtures.Meeting(), Ct);
        Assert.Equal(original.DocumentId, copy.StoryId);
        Assert.Equal(original.DocumentId, copy.NearDuplicateOf);
        Assert.Equal(other.DocumentId, other.StoryId);
        var stored = await store.GetDocumentAsync(copy.DocumentId, Ct);
        Assert.Equal([original.DocumentId, copy.DocumentId], stored!.Story);
        Assert.Equal(2, (await store.StatsAsync(null, Ct)).Stories);
    }

    [Fact]
    public async Task Near_duplicate_threshold_is_configurable()
    {
        await using var store = await OpenEmptyAsync(Options with { NearDuplicateThreshold = 1.01 });
        var a = await store.AddDocumentAsync(Fixtures.Attack("Reuters", extra: "x"), Ct);
        var b = await store.AddDocumentAsync(Fixtures.Attack("AFP", extra: "y"), Ct);
        Assert.NotEqual(a.StoryId, b.StoryId);
    }

    [Fact]
    public async Task Events_filter_by_place_country_admin1_near_dates_actor_cameo_plover_text_and_speaker()
    {
        await using var store = await OpenEmptyAsync(Options);
        await store.AddDocumentAsync(Fixtures.Attack("Reuters"), Ct);
        await store.AddDocumentAsync(Fixtures.Meeting(), Ct);
        async Task<int> Count(StoreQuery q) => (await store.QueryEventsAsync(q, Ct)).Items.Count;
        Assert.Equal(3, await Count(new StoreQuery()));
        Assert.Equal(2, await Count(new StoreQuery { Place = "Mosul" }));
        Assert.Equal(2, await Count(new StoreQuery { Place = "mosul" }));
        Assert.Equal(2, await Count(new StoreQuery { Place = "Iraq" }));
        Assert.Equal(2, await Count(new StoreQuery { Place = "IQ" }));
        Assert.Equal(2, await Count(new StoreQuery { Place = "Nineveh" }));
        Assert.Equal(1, await Count(new StoreQuery { Place = "France" }));
        Assert.Equal(0, await Count(new StoreQuery { Place = "Raqqa" }));
        Assert.Equal(2, await Count(new StoreQuery { Near = new GeoCircle(36.34, 43.13, 10) }));
        Assert.Equal(0, await Count(new StoreQuery { Near = new GeoCircle(33.31, 44.36, 100) })); // Baghdad, 350 km away
        Assert.Equal(3, await Count(new StoreQuery { Near = new GeoCircle(40, 20, 3000) }));
        Assert.Equal(2, await Count(new StoreQuery { From = new DateOnly(2016, 10, 25), To = new DateOnly(2016, 10, 25) }));
        Assert.Equal(1, await Count(new StoreQuery { From = new DateOnly(2016, 10, 26) }));
        Assert.Equal(2, await Count(new StoreQuery { Actor = "IRQ" })); // ev2 takes its source actor from the speaker entity
        Assert.Equal(1, await Count(new StoreQuery { Actor = "IRQMIL", Cameo = "19" }));
        Assert.Equal(2, await Count(new StoreQuery { Actor = "IMG" }));
        Assert.Equal(1, await Count(new StoreQuery { Cameo = "13" }));
        Assert.Equal(1, await Count(new StoreQuery { Cameo = "190" }));
        Assert.Equal(0, await Count(new StoreQuery { Cameo = "195" }));
        Assert.Equal(1, await Count(new StoreQuery { Plover = "assault" }));
        Assert.Equal(2, await Count(new StoreQuery { Text = "fighters" }));
        Assert.Equal(2, await Count(new StoreQuery { Text = "attacking fighter" })); // stemmed
        Assert.Equal(1, await Count(new StoreQuery { Text = "ministers" }));
        Assert.Equal(0, await Count(new StoreQuery { Text = "ministers Mosul" }));
        Assert.Equal(1, await Count(new StoreQuery { Speaker = "amir" }));
        Assert.Equal(0, await Count(new StoreQuery { Text = "\"quoted\" OR NEAR(* -" })); // user text never reaches the FTS syntax
    }

    /// <summary>
    /// Place and near filters run as index-ordered branches (one per place column, one per event coordinate in the
    /// circle); they must return exactly what the single WHERE of the same filters returns, page by page.
    /// </summary>
    [Fact]
    public async Task Index_driven_event_queries_return_what_one_where_returns()
    {
        await using var store = await OpenEmptyAsync(Options);
        var rng = new Random(11);
        var batch = new WriteBatch();
        for (int d = 0; d < 40; d++) batch.Documents.Add(new DocumentInput(Fixtures.Scattered(d, rng)));
        await store.WriteAsync(batch, Ct);
        var sql = (SqlStore)store;

        string[] places = ["Mosul", "mosul ", "Iraq", "IQ", "iq", "Nineveh", "Raqqa", "Syria", "SY", "France", "FR", "Paris", "Village03", "KW", "Nowhere"];
        GeoCircle[] circles =
        [
            new(36.34, 43.13, 10), new(36.34, 43.2, 40), new(36.3, 43.1, 100), new(33.31, 44.36, 100), new(30.05, 45.05, 10),
            new(30, 45, 400), new(35, 40, 2000), new(0, 0, 10), new(48.85, 2.35, 20000),
        ];
        var queries = new List<StoreQuery> { new(), new() { Cameo = "19" }, new() { Cameo = "1" }, new() { Cameo = "04", Actor = "USA" } };
        foreach (var place in places)
        {
            queries.Add(new() { Place = place });
            queries.Add(new() { Place = place, From = new DateOnly(2016, 10, 19), To = new DateOnly(2016, 10, 22) });
            queries.Add(new() { Place = place, Actor = "IRQ", Cameo = "19" });
            queries.Add(new() { Place = place, Plover = "assault" });
        }
        foreach (var near in circles)
        {
            queries.Add(new() { Near = near });
            queries.Add(new() { Near = near, From = new DateOnly(2016, 10, 20), Actor = "USA" });
            queries.Add(new() { Near = near, Place = "Iraq", Cameo = "190" });
            queries.Add(new() { Near = near, Place = "KW" });
        }

        int nonEmpty = 0;
        foreach (var q in queries)
        {
            var all = (await sql.QueryEventsAsync(q with { Limit = 10_000 }, indexDriven: false, Ct)).Items;
            var fast = (await sql.QueryEventsAsync(q with { Limit = 10_000 }, indexDriven: true, Ct)).Items;
            Assert.True(all.Select(e => e.Id).SequenceEqual(fast.Select(e => e.Id)), $"{q}: {all.Count} events in one WHERE, {fast.Count} by index");
            Assert.Equal(all, fast);
            if (all.Count > 0) nonEmpty++;
            // Paged by 7, each page from both forms, following the cursor.
            var paged = new List<EventRow>();
            string? cursor = null;
            do
            {
                var page = await sql.QueryEventsAsync(q with { Limit = 7, Cursor = cursor }, indexDriven: true, Ct);
                var plain = await sql.QueryEventsAsync(q with { Limit = 7, Cursor = cursor }, indexDriven: false, Ct);
                Assert.Equal(plain.Items, page.Items);
                Assert.Equal(plain.NextCursor, page.NextCursor);
                paged.AddRange(page.Items);
                cursor = page.NextCursor;
            } while (cursor is not null);
            Assert.Equal(all, paged);
        }
        Assert.True(nonEmpty > queries.Count / 2, $"only {nonEmpty} of {queries.Count} queries found events");
    }

    [Fact]
    public async Task Place_near_actor_and_cameo_filters_pin_their_results()
    {
        await using var store = await OpenEmptyAsync(Options);
        var rng = new Random(11);
        var batch = new WriteBatch();
        for (int d = 0; d < 40; d++) batch.Documents.Add(new DocumentInput(Fixtures.Scattered(d, rng)));
        await store.WriteAsync(batch, Ct);
        var every = (await store.QueryEventsAsync(new StoreQuery { Limit = 10_000 }, Ct)).Items;
        Assert.Equal(every.OrderByDescending(e => e.Day, StringComparer.Ordinal).ThenByDescending(e => e.Id).Select(e => e.Id), every.Select(e => e.Id));
        var names = new Fixtures.PlaceNames();

        // The filters' meaning, spelled out over every stored event.
        bool AtPlace(EventRow e, string place)
        {
            string key = place.Trim().ToLowerInvariant();
            return e.PlaceName?.ToLowerInvariant() == key || e.CountryCode == place.Trim().ToUpperInvariant()
                || (e.CountryCode is { } cc && names.CountryName(cc)?.ToLowerInvariant() == key)
                || (e.CountryCode is { } c2 && e.Admin1 is { } a1 && names.Admin1Name(c2, a1)?.ToLowerInvariant() == key);
        }
        static bool Near(EventRow e, GeoCircle g)
        {
            if (e.Lat is not { } lat || e.Lon is not { } lon) return false;
            static double R(double d) => d * Math.PI / 180;
            return 6371.0 * Math.Acos(Math.Min(1, Math.Cos(R(g.Lat)) * Math.Cos(R(lat)) * Math.Cos(R(lon) - R(g.Lon)) + Math.Sin(R(g.Lat)) * Math.Sin(R(lat)))) <= g.Km;
        }
        static bool Actor(EventRow e, string a) => (e.SourceActor?.StartsWith(a, StringComparison.Ordinal) ?? false) || (e.TargetActor?.StartsWith(a, StringComparison.Ordinal) ?? false);
        async Task Check(StoreQuery q, Func<EventRow, bool> expected)
        {
            var want = every.Where(expected).Select(e => e.Id).ToList();
            var got = (await store.QueryEventsAsync(q with { Limit = 10_000 }, Ct)).Items.Select(e => e.Id).ToList();
            Assert.True(want.SequenceEqual(got), $"{q}: expected {want.Count} events, got {got.Count}");
        }

        foreach (var place in new[] { "Mosul", "Iraq", "iq", "Nineveh", "Raqqa", "Syria", "FR", "Paris", "Village07", "KW", "Nowhere" })
        {
            await Check(new() { Place = place }, e => AtPlace(e, place));
            await Check(new() { Place = place, Actor = "USA", Cameo = "04" }, e => AtPlace(e, place) && Actor(e, "USA") && e.CameoRoot == "04");
        }
        foreach (var g in new GeoCircle[] { new(36.3, 43.1, 100), new(36.34, 43.2, 40), new(30, 45, 400), new(33.31, 44.36, 100), new(0, 0, 10) })
            await Check(new() { Near = g, From = new DateOnly(2016, 10, 19), To = new DateOnly(2016, 10, 23) },
                e => Near(e, g) && string.CompareOrdinal(e.Day, "2016-10-19") >= 0 && string.CompareOrdinal(e.Day, "2016-10-23") <= 0);
        await Check(new() { Cameo = "19", Actor = "IRQ" }, e => e.CameoRoot == "19" && Actor(e, "IRQ"));
        await Check(new() { Cameo = "1" }, e => e.CameoRoot.StartsWith('1'));
        Assert.Contains(every, e => AtPlace(e, "Iraq") && e.PlaceName == "Iraq");
        Assert.Contains(every, e => AtPlace(e, "Iraq") && e.PlaceName == "Mosul");
    }

    [Fact]
    public async Task Store_of_schema_1_is_migrated_and_near_queries_find_its_events()
    {
        var store = await OpenEmptyAsync(Options);
        var rng = new Random(5);
        for (int d = 0; d < 3; d++) await store.AddDocumentAsync(Fixtures.Scattered(d, rng, events: 20), Ct);
        var near = new StoreQuery { Near = new GeoCircle(36.3, 43.1, 100), Limit = 1000 };
        var before = (await store.QueryEventsAsync(near, Ct)).Items;
        Assert.NotEmpty(before);
        // Back to schema 1: no event_points, the old lat/lon index.
        await ExecuteAsync(store, "DROP TABLE event_points");
        await ExecuteAsync(store, "DROP INDEX event_clusters_latlon");
        await ExecuteAsync(store, "CREATE INDEX event_clusters_latlon ON event_clusters (lat, lon)");
        await SetSchemaVersionAsync(store, 1);
        await using var again = await ReopenAsync(store, Options);
        Assert.Equal(Schema.Version, again.SchemaVersion);
        Assert.Equal(before, (await again.QueryEventsAsync(near, Ct)).Items);
        await again.AddDocumentAsync(Fixtures.Attack("Reuters"), Ct);
        Assert.Equal(before.Count + 2, (await again.QueryEventsAsync(near, Ct)).Items.Count);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Event_pages_follow_the_cursor_without_gaps_or_repeats()
    {
        await using var store = await OpenEmptyAsync(Options);
        for (int d = 1; d <= 9; d++) await store.AddDocumentAsync(Fixtures.Attack("Reuters", day: $"2016-10-{d:00}", extra: $"Update {d}."), Ct);
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await store.QueryEventsAsync(new StoreQuery { Limit = 4, Cursor = cursor }, Ct);
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items.Select(e => e.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(18, seen.Count);
        Assert.Equal(18, seen.Distinct().Count());
        var all = (await store.QueryEventsAsync(new StoreQuery { Limit = 100 }, Ct)).Items;
        Assert.Equal(all.Select(e => e.Id), seen);
        Assert.Equal("2016-10-09", all[0].Day);
    }

    [Fact]
    public async Task Quotes_entities_and_documents_are_queryable()
    {
        await using var store = await OpenEmptyAsync(Options);
        var a = await store.AddDocumentAsync(Fixtures.Attack("Reuters"), Ct);
        await store.AddDocumentAsync(Fixtures.Meeting(), Ct);
        var quotes = await store.QueryQuotesAsync(new StoreQuery { Speaker = "Abdul" }, Ct);
        var q = Assert.Single(quotes.Items);
        Assert.Equal("Abdul Amir", q.Speaker);
        Assert.Equal(a.DocumentId, q.DocumentId);
        Assert.Single((await store.QueryQuotesAsync(new StoreQuery { Text = "city" }, Ct)).Items);
        Assert.Empty((await store.QueryQuotesAsync(new StoreQuery { Text = "ministers" }, Ct)).Items);
        Assert.Single((await store.QueryQuotesAsync(new StoreQuery { Place = "Iraq" }, Ct)).Items);
        Assert.Single((await store.QueryQuotesAsync(new StoreQuery { Actor = "IRQ" }, Ct)).Items);

        var places = await store.QueryEntitiesAsync(new StoreQuery { Place = "Iraq" }, Ct);
        Assert.Equal("Mosul", Assert.Single(places.Items).Name);
        var entities = await store.QueryEntitiesAsync(new StoreQuery(), Ct);
        Assert.Equal(5, entities.Items.Count);
        Assert.Single((await store.QueryEntitiesAsync(new StoreQuery { Actor = "IMG" }, Ct)).Items);

        var docs = await store.QueryDocumentsAsync(new StoreQuery { Text = "campaign Syria" }, Ct);
        Assert.Equal("Ministers meet in Paris", Assert.Single(docs.Items).Title);
        Assert.Single((await store.QueryDocumentsAsync(new StoreQuery { Place = "Mosul" }, Ct)).Items);
        Assert.Single((await store.QueryDocumentsAsync(new StoreQuery { Cameo = "03" }, Ct)).Items);
        Assert.Equal(2, (await store.QueryDocumentsAsync(new StoreQuery { From = new DateOnly(2016, 10, 1) }, Ct)).Items.Count);
        var page = await store.QueryDocumentsAsync(new StoreQuery { Limit = 1 }, Ct);
        Assert.NotNull(page.NextCursor);
        var rest = await store.QueryDocumentsAsync(new StoreQuery { Limit = 1, Cursor = page.NextCursor }, Ct);
        Assert.Equal(a.DocumentId, Assert.Single(rest.Items).Id);
        Assert.Null(rest.NextCursor);

        await Assert.ThrowsAsync<StoreQueryException>(() => store.QueryQuotesAsync(new StoreQuery { Cameo = "19" }, Ct));
        await Assert.ThrowsAsync<StoreQueryException>(() => store.QueryEventsAsync(new StoreQuery { Cursor = "nonsense" }, Ct));
    }

    [Fact]
    public async Task Stats_count_per_day_cameo_root_and_country()
    {
        await using var store = await OpenEmptyAsync(Options);
        await store.AddDocumentAsync(Fixtures.Attack("Reuters"), Ct);
        await store.AddDocumentAsync(Fixtures.Meeting(), Ct);
        var s = await store.StatsAsync(null, Ct);
        Assert.Equal(2, s.Documents);
        Assert.Equal(3, s.Events);
        Assert.Equal([new("2016-10-25", 2L), new("2016-10-27", 1L)], s.EventsPerDay);
        Assert.Equal([new("03", 1L), new("13", 1L), new("19", 1L)], s.EventsPerCameoRoot);
        Assert.Equal([new("IQ", 2L), new("FR", 1L)], s.EventsPerCountry);
        Assert.Equal(5, s.Entities);
        Assert.Equal(1, s.Quotes);
    }

    [Fact]
    public async Task Runs_errors_and_sources_are_recorded()
    {
        await using var store = await OpenEmptyAsync(Options);
        long run = await store.BeginRunAsync("ingest samples/", Ct);
        var batch = new WriteBatch { RunId = run };
        batch.Documents.Add(new DocumentInput(Fixtures.Meeting()));
        batch.Sources.Add(new SourceRecord("abc123", "samples/meeting.txt", 1));
        batch.Errors.Add(new IngestError { Source = "samples/bad.html", Reason = "malformed HTML" });
        await store.WriteAsync(batch, Ct);
        await store.EndRunAsync(run, new RunTotals(1, 0, 1, "failed"), Ct);
        Assert.True(await store.HasSourceAsync("abc123", Ct));
        Assert.False(await store.HasSourceAsync("abc124", Ct));
        var r = Assert.Single(await store.RunsAsync(10, Ct));
        Assert.Equal(("failed", 1L, 1L), (r.Status, r.Added, r.Failed));
        Assert.NotNull(r.Finished);
        var e = Assert.Single(await store.ErrorsAsync(run, 10, Ct));
        Assert.Equal(("samples/bad.html", "malformed HTML"), (e.Source, e.Reason));
        Assert.NotNull(await store.FindDocumentAsync(ContentHash.Of(Fixtures.Meeting().Text), Ct));
    }

    [Fact]
    public async Task Newer_schema_is_refused_with_a_clear_message_and_nothing_is_lost()
    {
        var store = await OpenEmptyAsync(Options);
        await store.AddDocumentAsync(Fixtures.Meeting(), Ct);
        await SetSchemaVersionAsync(store, 99);
        var e = await Assert.ThrowsAsync<StoreException>(() => ReopenAsync(store, Options));
        Assert.Contains("schema version 99", e.Message);
        Assert.Contains("newer", e.Message);
        await SetSchemaVersionAsync(store, Schema.Version);
        await using var again = await ReopenAsync(store, Options);
        Assert.Equal(1, (await again.StatsAsync(null, Ct)).Documents);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Reopening_keeps_data_and_schema_version()
    {
        var store = await OpenEmptyAsync(Options);
        await store.AddDocumentAsync(Fixtures.Attack("Reuters"), Ct);
        await using var again = await ReopenAsync(store, Options);
        Assert.Equal(Schema.Version, again.SchemaVersion);
        Assert.Equal(2, (await again.StatsAsync(null, Ct)).Events);
        await store.DisposeAsync();
    }

    /// <summary>Events are records holding a list of merged triggers, which records compare by reference: compare the list by content.</summary>
    internal static void AssertSameEvent(Event expected, Event actual)
    {
        var shared = new List<EventTrigger>();
        Assert.Equal(expected with { Mentions = shared }, actual with { Mentions = shared });
        Assert.Equal(expected.Mentions, actual.Mentions);
    }
}
