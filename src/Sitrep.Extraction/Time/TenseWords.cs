namespace Sitrep.Extraction.Time;

/// <summary>Verb forms that tell the tense without a tagger.</summary>
internal static class TenseWords
{
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Past = Set(
        "was", "were", "had", "did", "said", "told", "went", "came", "met", "took", "made", "gave", "held", "began", "fell", "rose",
        "left", "saw", "got", "found", "fought", "led", "won", "lost", "struck", "broke", "sent", "spoke", "thought", "paid", "sold",
        "bought", "kept", "became", "knew", "ran", "shot", "hit", "set", "put", "cut", "let", "quit", "wrote", "stood", "brought",
        "felt", "heard", "meant", "sought", "taught", "caught", "chose", "drew", "drove", "flew", "grew", "threw", "wore", "ago", "has", "have");
    /// <summary>Words that put what they govern after the publication date, whatever the tense of the verb ("was scheduled to close Monday").</summary>
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Future = Set(
        "would", "scheduled", "expected", "due", "until", "planned", "plans", "plan", "postponed", "upcoming", "tomorrow");
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Present = Set(
        "is", "are", "am", "says", "say", "does", "do", "expects", "plans", "hopes");
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotPast = Set(
        "need", "needed", "speed", "seed", "feed", "breed", "indeed", "proceed", "succeed", "exceed", "united", "limited", "related",
        "based", "armed", "expected", "scheduled", "planned", "proposed", "supposed");

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(params string[] words) =>
        new HashSet<string>(words, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
}
