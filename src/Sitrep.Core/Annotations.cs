namespace Sitrep;

// Annotation records of the sitrep/1 contract. Stages add them to a Document; writers at the edges serialize them.

public enum EntityType : byte { PERSON, ORG, GPE, LOC, NORP, FAC }

public readonly record struct Mention(int Start, int End, string Text);

public sealed record Place(double Lat, double Lon, long? GeonameId, string? CountryCode, string? Admin1, string? FeatureCode, double? Confidence = null);

public sealed record Entity
{
    public required string Id { get; init; }
    public required EntityType Type { get; init; }
    public required string Name { get; init; }
    public List<Mention> Mentions { get; init; } = [];
    public string? Title { get; set; }
    /// <summary>ISO 3166-1 alpha-3.</summary>
    public string? Country { get; set; }
    /// <summary>CAMEO actor code.</summary>
    public string? Actor { get; set; }
    public Place? Place { get; set; }
}

public enum QuoteKind : byte { Direct, Indirect, Partial }

public sealed record Quote
{
    public required string Id { get; init; }
    public required QuoteKind Kind { get; init; }
    public required string Text { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }
    public string? Speaker { get; set; }
    public string? SpeakerText { get; set; }
    public string? Cue { get; set; }
    /// <summary>True when the source is described but not named ("a US military official", "Mosul residents").</summary>
    public bool Anonymous { get; set; }
    public List<TextSpan> Occurrences { get; init; } = [];
}

public enum TimeType : byte { DATE, TIME, DURATION, SET }

public sealed record TimeExpression
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }
    public required TimeType Type { get; init; }
    public string? Value { get; init; }
    public string? Mod { get; init; }
}

/// <summary>What a figure counts: a plain count, an amount of money, a percentage, a rank, or a multiplier ("three times").</summary>
public enum QuantityKind : byte { Cardinal, Money, Percent, Ordinal, Multiplier }

public sealed record Quantity
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }
    public double? Value { get; init; }
    public string? Qualifier { get; init; }
    public string? Unit { get; init; }
    public QuantityKind Kind { get; init; }
}

public enum CasualtyKind : byte { Killed, Dead, Wounded, Missing, Kidnapped }

/// <summary>A casualty count for the event coder: the quantity it counts and the word that says what happened to them.</summary>
public sealed record Casualty
{
    public required string QuantityId { get; init; }
    public required CasualtyKind Kind { get; init; }
    public double? Count { get; init; }
    public required Mention Trigger { get; init; }
    /// <summary>The attack, bombing or clash the count belongs to, when the sentence names one before the trigger.</summary>
    public Mention? Event { get; init; }
}

public enum Modality : byte { Asserted, Hypothetical, Future, Reported, Negated }

public sealed record EventTrigger(int Start, int End, string Text);

public sealed record Event
{
    public required string Id { get; init; }
    public required string Cameo { get; init; }
    public string? Plover { get; init; }
    public string? Source { get; init; }
    public string? Target { get; init; }
    public string? SourceActor { get; init; }
    public string? TargetActor { get; init; }
    public string? Date { get; init; }
    public string? Place { get; init; }
    public int? Fatalities { get; init; }
    public int? Injured { get; init; }
    public int Sentence { get; init; }
    public required EventTrigger Trigger { get; init; }
    public bool Negated { get; init; }
    public Modality Modality { get; init; }
    public string? Quote { get; init; }
    /// <summary>Every trigger this event was coded from in the article, the first being <see cref="Trigger"/> (in-article dedup).</summary>
    public List<EventTrigger> Mentions { get; init; } = [];
}
