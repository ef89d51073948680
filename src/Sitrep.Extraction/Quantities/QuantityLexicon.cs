namespace Sitrep.Extraction.Quantities;

internal enum NumberWordKind : byte
{
    None,
    /// <summary>one … ninety: added to the running number.</summary>
    Unit,
    /// <summary>hundred: multiplies the running number.</summary>
    Hundred,
    /// <summary>thousand, million, billion: closes a group.</summary>
    Scale,
    /// <summary>dozen, couple: a count of its own ("a dozen", "a couple hundred").</summary>
    Group,
    /// <summary>dozens, hundreds, thousands, scores: "at least two of them".</summary>
    VaguePlural,
    /// <summary>a few, several: Value the usual lower bound.</summary>
    Few,
    Ordinal,
    /// <summary>twice, thrice.</summary>
    Multiplier,
    /// <summary>A qualifier opening the phrase; Value = <see cref="Qualifier"/>.</summary>
    Qualifier,
    Currency,
    Percent,
    /// <summary>Words the counted noun is never: they end the search for it.</summary>
    Stop,
    /// <summary>Modifiers skipped on the way to the counted noun ("Iraqi", "armed", "other").</summary>
    Adjective,
    Article,
}

internal enum Qualifier : byte { Exact, About, MoreThan, AtLeast, LessThan, AtMost, Range }

internal readonly record struct NumberLex(NumberWordKind Kind, double Value = 0, string? Code = null);

/// <summary>
/// English number words, qualifiers, currencies and the small lexicons the counted-noun rules need, looked up through
/// spans without copying tokens. Immutable once built.
/// </summary>
public sealed class QuantityLexicon
{
    private readonly Dictionary<string, NumberLex>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _irregularPlurals;

    private QuantityLexicon(Dictionary<string, NumberLex> words, Dictionary<string, string> irregular)
    {
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _irregularPlurals = irregular.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    internal NumberLex Get(ReadOnlySpan<char> word) => _words.TryGetValue(word, out var lex) ? lex : default;

    /// <summary>The singular lower-case lemma of a plural noun ("countries" → "country", "people" → "person").</summary>
    public string Lemmatize(ReadOnlySpan<char> word)
    {
        if (_irregularPlurals.TryGetValue(word, out var lemma)) return lemma;
        Span<char> lower = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(lower);
        ReadOnlySpan<char> w = lower;
        if (w.Length > 4 && w.EndsWith("ies")) return string.Concat(w[..^3], "y");
        if (w.Length > 4 && (w.EndsWith("ches") || w.EndsWith("shes") || w.EndsWith("sses") || w.EndsWith("xes") || w.EndsWith("zes"))) return new string(w[..^2]);
        // "-is" and "-us" are singular in common nouns (crisis, bonus) but plural in nationality nouns (Iraqis, Pakistanis).
        if (w.Length > 3 && w[^1] == 's' && !w.EndsWith("ss") && (char.IsUpper(word[0]) || !w.EndsWith("us") && !w.EndsWith("is"))) return new string(w[..^1]);
        return new string(w);
    }

    public static QuantityLexicon English()
    {
        var w = new Dictionary<string, NumberLex>(StringComparer.OrdinalIgnoreCase);
        void Add(NumberWordKind kind, double value, params string[] words)
        {
            foreach (var word in words) w[word] = new NumberLex(kind, value);
        }
        string[] ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
        for (int i = 0; i < ones.Length; i++) Add(NumberWordKind.Unit, i, ones[i]);
        string[] tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        for (int i = 0; i < tens.Length; i++) Add(NumberWordKind.Unit, (i + 2) * 10, tens[i]);
        Add(NumberWordKind.Hundred, 100, "hundred");
        Add(NumberWordKind.Scale, 1e3, "thousand");
        Add(NumberWordKind.Scale, 1e6, "million", "mln", "m");
        Add(NumberWordKind.Scale, 1e9, "billion", "bln", "bn");
        Add(NumberWordKind.Scale, 1e12, "trillion");
        Add(NumberWordKind.Group, 12, "dozen");
        Add(NumberWordKind.Group, 2, "couple");
        Add(NumberWordKind.VaguePlural, 12, "dozens");
        Add(NumberWordKind.VaguePlural, 20, "scores");
        Add(NumberWordKind.VaguePlural, 100, "hundreds");
        Add(NumberWordKind.VaguePlural, 1e3, "thousands");
        Add(NumberWordKind.VaguePlural, 10, "tens");  // "tens of thousands" = 2 × 10 × 1,000; "tens of people" = 20
        Add(NumberWordKind.VaguePlural, 1e6, "millions");
        Add(NumberWordKind.VaguePlural, 1e9, "billions");
        Add(NumberWordKind.Few, 3, "few", "several");
        string[] ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
            "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"];
        for (int i = 0; i < ordinals.Length; i++) Add(NumberWordKind.Ordinal, i + 1, ordinals[i]);
        Add(NumberWordKind.Multiplier, 2, "twice");
        Add(NumberWordKind.Multiplier, 3, "thrice");

        // Single-word qualifiers; the multi-word ones ("more than", "at least", "up to") are read by the finder.
        Add(NumberWordKind.Qualifier, (double)Qualifier.About, "about", "around", "approximately", "roughly", "some", "nearly", "almost", "estimated", "approx.", "circa");
        Add(NumberWordKind.Qualifier, (double)Qualifier.MoreThan, "over", "above", "more", "upwards", "exceeding");
        Add(NumberWordKind.Qualifier, (double)Qualifier.LessThan, "under", "below", "less", "fewer");
        Add(NumberWordKind.Qualifier, (double)Qualifier.AtMost, "up");
        Add(NumberWordKind.Qualifier, (double)Qualifier.AtLeast, "least");

        void Currency(string code, params string[] words)
        {
            foreach (var word in words) w[word] = new NumberLex(NumberWordKind.Currency, 0, code);
        }
        Currency("USD", "$", "US$", "dollar", "dollars", "usd");
        Currency("EUR", "€", "euro", "euros", "eur");
        Currency("GBP", "£", "pound", "pounds", "sterling", "gbp");
        Currency("JPY", "¥", "yen");
        Currency("CNY", "yuan", "renminbi");
        Currency("INR", "rupee", "rupees");
        Currency("SGD", "S$");
        Add(NumberWordKind.Percent, 0, "%", "percent", "pct");

        Add(NumberWordKind.Stop, 0, "of", "in", "on", "at", "to", "by", "for", "from", "with", "and", "or", "but", "as", "than", "per", "the",
            "a", "an", "this", "that", "these", "those", "who", "which", "were", "was", "is", "are", "be", "been", "have", "has", "had",
            "will", "would", "could", "should", "may", "might", "can", "did", "do", "does", "not", "it", "its", "their", "they", "he",
            "she", "we", "you", "i", "his", "her", "our", "times", "'s", "year", "years", "old", "each",
            "into", "after", "before", "during", "since", "until", "among", "between", "out", "down",
            "so", "too", "also", "only", "just", "when", "where", "while", "if", "then", "there", "here", "what", "all", "both",
            // what happened to them is not what they are: "12 dead", "dozens wounded"
            "dead", "killed", "died", "wounded", "injured", "hurt", "missing", "kidnapped", "abducted", "captured", "arrested",
            // verbs that follow a figure used as a pronoun ("more than 12,000 lost their homes")
            "lost", "fled", "left", "went", "came", "fell", "took", "made", "gave", "held", "got", "saw", "remain", "remained",
            "said", "say", "says", "live", "lived", "died", "joined", "attended", "signed", "voted", "gathered", "marched");
        // Modifiers between a number and its noun; nationalities are caught by their capital letter instead of a list.
        Add(NumberWordKind.Adjective, 0, "other", "additional", "new", "armed", "foreign", "local", "young", "old", "unarmed",
            "innocent", "suspected", "alleged", "senior", "junior", "elite", "regular", "former", "many", "extra", "further", "fresh",
            "fellow", "top", "key", "small", "large", "big", "major", "minor", "separate", "different", "similar", "unidentified",
            "unknown", "confirmed", "reported", "registered", "displaced", "pro-government", "rebel", "government");
        w["a"] = new NumberLex(NumberWordKind.Article, 1);
        w["an"] = new NumberLex(NumberWordKind.Article, 1);

        var irregular = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["people"] = "person", ["persons"] = "person", ["men"] = "man", ["women"] = "woman", ["children"] = "child",
            ["feet"] = "foot", ["teeth"] = "tooth", ["mice"] = "mouse", ["geese"] = "goose", ["lives"] = "life", ["wives"] = "wife",
            ["knives"] = "knife", ["thieves"] = "thief", ["halves"] = "half", ["police"] = "police", ["policemen"] = "policeman",
            ["policewomen"] = "policewoman", ["gunmen"] = "gunman", ["servicemen"] = "serviceman", ["fishermen"] = "fisherman",
            ["militiamen"] = "militiaman", ["tribesmen"] = "tribesman", ["crewmen"] = "crewman", ["firemen"] = "fireman",
            ["series"] = "series", ["species"] = "species", ["news"] = "news", ["data"] = "data", ["criteria"] = "criterion",
            ["personnel"] = "personnel", ["staff"] = "staff", ["cattle"] = "cattle", ["sheep"] = "sheep", ["fish"] = "fish",
            ["aircraft"] = "aircraft", ["bus"] = "bus", ["buses"] = "bus", ["gas"] = "gas", ["analyses"] = "analysis",
            ["crises"] = "crisis", ["bases"] = "base", ["cases"] = "case", ["houses"] = "house", ["causes"] = "cause",
            ["horses"] = "horse", ["nurses"] = "nurse", ["courses"] = "course", ["responses"] = "response", ["clauses"] = "clause",
            ["vehicles"] = "vehicle", ["casualties"] = "casualty",
        };
        return new QuantityLexicon(w, irregular);
    }
}
