namespace Sitrep.Server.Tests;

/// <summary>
/// Documents with hand-made events stored through the store API, so the events table, map and timeline have
/// something to show before the event coder lands. Each article is one sentence per event with real offsets.
/// </summary>
public static class SyntheticEvents
{
    public sealed record Spec(string Day, string City, double Lat, double Lon, string Country, string Cameo, string SourceActor, string Source, string Verb, string Target);

    // Mosul and Raqqa, 2016-10-17 .. 2016-10-22: fights, assaults, consultations and appeals.
    // Coordinates are the shipped gazetteer's, so these events and the seed article's (ingested by the browser tests) share one map point.
    public static readonly Spec[] Specs =
    [
        new("2016-10-17", "Mosul", 36.335, 43.11889, "IQ", "190", "IRQMIL", "Iraqi forces", "fought", "Islamic State fighters"),
        new("2016-10-18", "Mosul", 36.335, 43.11889, "IQ", "190", "IRQMIL", "Iraqi forces", "attacked", "Islamic State positions"),
        new("2016-10-18", "Mosul", 36.335, 43.11889, "IQ", "183", "IMGMUS", "Islamic State", "bombed", "Iraqi troops"),
        new("2016-10-19", "Mosul", 36.335, 43.11889, "IQ", "040", "USAGOV", "The Pentagon", "consulted", "Iraqi commanders"),
        new("2016-10-20", "Mosul", 36.335, 43.11889, "IQ", "190", "IRQMIL", "Iraqi troops", "clashed with", "Islamic State fighters"),
        new("2016-10-21", "Raqqa", 35.95283, 39.00788, "SY", "020", "USAGOV", "Ashton Carter", "appealed to", "allied ministers"),
        new("2016-10-22", "Raqqa", 35.95283, 39.00788, "SY", "190", "SYRREB", "Syrian rebels", "fought", "Islamic State fighters"),
    ];

    public static Document Build(Spec s, int index)
    {
        string sentence = $"{s.Source} {s.Verb} {s.Target} in {s.City} on {s.Day}.";
        string text = $"Report {index} from {s.City}\n\n{sentence}";
        var doc = new Document(text, new DocumentMetadata
        {
            Id = $"synthetic-{index}",
            Source = $"synthetic/{index}.txt",
            Title = $"Report {index} from {s.City}",
            Publisher = index % 2 == 0 ? "Test Wire" : "Test Herald",
            Published = DateTimeOffset.Parse(s.Day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        });
        int body = text.IndexOf(sentence, StringComparison.Ordinal);
        Entity Mention(string id, EntityType type, string name, string? actor, Place? place = null)
        {
            int start = text.IndexOf(name, body, StringComparison.Ordinal);
            var e = new Entity { Id = id, Type = type, Name = name, Actor = actor, Place = place };
            e.Mentions.Add(new Mention(start, start + name.Length, name));
            return e;
        }
        var source = Mention("e1", EntityType.ORG, s.Source, s.SourceActor);
        var target = Mention("e2", EntityType.ORG, s.Target, null);
        var city = Mention("e3", EntityType.GPE, s.City, null, new Place(s.Lat, s.Lon, s.City == "Mosul" ? 99072 : 163915, s.Country, null, "PPLA"));
        doc.Entities.AddRange([source, target, city]);
        int trigger = text.IndexOf(s.Verb, body, StringComparison.Ordinal);
        doc.Events.Add(new Event
        {
            Id = "ev1",
            Cameo = s.Cameo,
            Plover = s.Cameo.StartsWith("19", StringComparison.Ordinal) ? "ASSAULT" : null,
            Source = "e1",
            Target = "e2",
            SourceActor = s.SourceActor,
            Date = s.Day,
            Place = "e3",
            Sentence = 1,
            Trigger = new EventTrigger(trigger, trigger + s.Verb.Length, s.Verb),
        });
        return doc;
    }

    public static async Task SeedAsync(Storage.IStore store)
    {
        for (int i = 0; i < Specs.Length; i++) await store.AddDocumentAsync(Build(Specs[i], i));
    }
}
