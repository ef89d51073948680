namespace Sitrep.Storage.Tests;

/// <summary>Documents built by hand with every annotation kind, so the store can be tested without the extraction models.</summary>
internal static class Fixtures
{
    public static readonly Place Mosul = new(36.335, 43.11889, 99072, "IQ", "15", "PPLA", 1);
    public static readonly Place Paris = new(48.85341, 2.3488, 2988507, "FR", "11", "PPLC", 1);

    /// <summary>"Iraqi forces attacked Islamic State fighters in Mosul on Tuesday, killing 12, the army said."</summary>
    public static Document Attack(string publisher, string? url = null, string day = "2016-10-25", string extra = "", string cameo = "190", string? plover = "ASSAULT")
    {
        var text = $"Iraqi forces attacked Islamic State fighters in Mosul on Tuesday, killing 12 people. \"We will take the city back,\" General Abdul Amir said. {extra}";
        var doc = new Document(text, new DocumentMetadata
        {
            Title = "Battle for Mosul", Publisher = publisher, Url = url, Source = url ?? publisher + ".txt",
            Published = DateTimeOffset.Parse(day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        });
        doc.Regions.Add(new Region(RegionKind.Body, 0, text.Length));
        doc.Entities.Add(Entity(text, "e1", EntityType.NORP, "Iraqi forces", "IRQMIL"));
        doc.Entities.Add(Entity(text, "e2", EntityType.ORG, "Islamic State", "IMGMUSISI"));
        var mosul = Entity(text, "e3", EntityType.GPE, "Mosul", null);
        mosul.Place = Mosul;
        mosul.Country = "IRQ";
        doc.Entities.Add(mosul);
        var general = Entity(text, "e4", EntityType.PERSON, "Abdul Amir", "IRQMIL");
        general.Title = "General";
        doc.Entities.Add(general);
        int qs = text.IndexOf("We will", StringComparison.Ordinal);
        int qe = text.IndexOf(",\"", StringComparison.Ordinal);
        doc.Quotes.Add(new Quote
        {
            Id = "qt1", Kind = QuoteKind.Direct, Text = text[qs..qe], Start = qs, End = qe, Speaker = "e4", SpeakerText = "General Abdul Amir", Cue = "said",
            Occurrences = { new TextSpan(qs, qe) },
        });
        int ts = text.IndexOf("Tuesday", StringComparison.Ordinal);
        doc.Times.Add(new TimeExpression { Id = "t1", Text = "Tuesday", Start = ts, End = ts + 7, Type = TimeType.DATE, Value = day });
        int ns = text.IndexOf("12", StringComparison.Ordinal);
        doc.Quantities.Add(new Quantity { Id = "q1", Text = "12", Start = ns, End = ns + 2, Value = 12, Qualifier = "exact", Unit = "person" });
        int ks = text.IndexOf("killing", StringComparison.Ordinal);
        doc.Casualties.Add(new Casualty { QuantityId = "q1", Kind = CasualtyKind.Killed, Count = 12, Trigger = new Mention(ks, ks + 7, "killing") });
        int trig = text.IndexOf("attacked", StringComparison.Ordinal);
        doc.Events.Add(new Event
        {
            Id = "ev1", Cameo = cameo, Plover = plover, Source = "e1", Target = "e2", SourceActor = "IRQMIL", TargetActor = "IMGMUSISI", Date = day, Place = "e3",
            Fatalities = 12, Sentence = 0, Trigger = new EventTrigger(trig, trig + 8, "attacked"), Modality = Modality.Asserted, Quote = null,
            // The coder's in-article dedup merges the "killing" trigger into the attack: the store keeps both.
            Mentions = [new EventTrigger(trig, trig + 8, "attacked"), new EventTrigger(ks, ks + 7, "killing")],
        });
        int said = text.IndexOf("take", StringComparison.Ordinal);
        doc.Events.Add(new Event
        {
            Id = "ev2", Cameo = "138", Plover = "THREATEN", Source = "e4", Target = "e2", Date = day, Place = "e3", Sentence = 1,
            Trigger = new EventTrigger(said, said + 4, "take"), Modality = Modality.Future, Quote = "qt1",
        });
        return doc;
    }

    /// <summary>An unrelated article (Paris, a meeting), no events.</summary>
    public static Document Meeting(string publisher = "Le Monde", string day = "2016-10-27")
    {
        var text = "Defence ministers met in Paris on Thursday to plan the next phase of the campaign against the group in Syria. The talks lasted four hours.";
        var doc = new Document(text, new DocumentMetadata
        {
            Title = "Ministers meet in Paris", Publisher = publisher, Source = "meeting.txt",
            Published = DateTimeOffset.Parse(day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        });
        var paris = Entity(text, "e1", EntityType.GPE, "Paris", null);
        paris.Place = Paris;
        doc.Entities.Add(paris);
        int trig = text.IndexOf("met", StringComparison.Ordinal);
        doc.Events.Add(new Event
        {
            Id = "ev1", Cameo = "036", Plover = "CONSULT", Date = day, Place = "e1", Sentence = 0, Trigger = new EventTrigger(trig, trig + 3, "met"),
        });
        return doc;
    }

    /// <summary>Places of <see cref="Scattered"/>: two close Iraqi cities, a place named like its country, a French admin1, 18 villages.</summary>
    public static readonly (string Name, Place Place)[] ScatteredPlaces =
    [
        ("Mosul", Mosul), ("Bartella", new(36.35, 43.38, 98000, "IQ", "15", "PPL")), ("Iraq", new(33.0, 44.0, 99237, "IQ", null, "PCLI")),
        ("Paris", Paris), ("Raqqa", new(35.95, 39.01, 163915, "SY", "04", "PPLA")),
        .. Enumerable.Range(0, 18).Select(i => ($"Village{i:D2}", new Place(30 + i * 0.01, 45 + i * 0.01, 500000 + i, "KW", null, "PPL"))),
    ];

    /// <summary>
    /// A document with <paramref name="events"/> events drawn from <paramref name="rng"/> over <see cref="ScatteredPlaces"/>,
    /// few days (so days tie and the id decides the order) and a handful of actors and codes.
    /// </summary>
    public static Document Scattered(int index, Random rng, int events = 30)
    {
        string[] actors = ["IRQ", "IRQMIL", "USA", "USAGOV", "FRA", "SYRREB"];
        string[] cameos = ["190", "193", "195", "040", "042", "036", "138", "111"];
        var text = new System.Text.StringBuilder($"Scattered report {index}. ");
        foreach (var (name, _) in ScatteredPlaces) text.Append(name).Append(". ");
        var body = text.ToString();
        var day = new DateOnly(2016, 10, 20).AddDays(rng.Next(0, 6));
        var doc = new Document(body, new DocumentMetadata
        {
            Title = $"Report {index}", Publisher = $"Wire{index % 3}", Source = $"scattered-{index}.txt",
            Published = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        });
        for (int p = 0; p < ScatteredPlaces.Length; p++)
        {
            var e = Entity(body, "e" + (p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), EntityType.GPE, ScatteredPlaces[p].Name, null);
            e.Place = ScatteredPlaces[p].Place;
            doc.Entities.Add(e);
        }
        for (int i = 0; i < events; i++)
        {
            string cameo = cameos[rng.Next(cameos.Length)];
            // Most events in the first places, so some places have many events and villages few.
            int place = rng.Next(3) == 0 ? rng.Next(ScatteredPlaces.Length) : rng.Next(5);
            doc.Events.Add(new Event
            {
                Id = "ev" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Cameo = cameo,
                Plover = cameo.StartsWith("19", StringComparison.Ordinal) ? "ASSAULT" : null,
                SourceActor = actors[rng.Next(actors.Length)], TargetActor = rng.Next(4) == 0 ? null : actors[rng.Next(actors.Length)],
                Date = day.AddDays(-rng.Next(0, 3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Place = rng.Next(10) == 0 ? null : "e" + (place + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Sentence = 0, Trigger = new EventTrigger(0, 9, "Scattered"),
            });
        }
        return doc;
    }

    private static Entity Entity(string text, string id, EntityType type, string name, string? actor)
    {
        var e = new Entity { Id = id, Type = type, Name = name, Actor = actor };
        int at = 0;
        while ((at = text.IndexOf(name, at, StringComparison.Ordinal)) >= 0)
        {
            e.Mentions.Add(new Mention(at, at + name.Length, name));
            at += name.Length;
        }
        return e;
    }

    public sealed class PlaceNames : IPlaceNames
    {
        public string? CountryName(string iso2) => iso2 switch { "IQ" => "Iraq", "FR" => "France", "SY" => "Syria", _ => null };
        public string? Admin1Name(string iso2, string admin1) => (iso2, admin1) switch
        {
            ("IQ", "15") => "Nineveh", ("FR", "11") => "Île-de-France", ("SY", "04") => "Raqqa", _ => null,
        };
    }
}
