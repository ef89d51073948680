namespace Sitrep.Text.Tokenization;

/// <summary>The word lists the tokenizer and sentence splitter consult, looked up by span.</summary>
public sealed class TokenizerLexicon
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _abbreviations;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _titles;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _hyphenPrefixes;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _emoticons;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _sentenceStarters;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _fusedForms;

    public TokenizerLexicon(
        IEnumerable<string> abbreviations,
        IEnumerable<string> titles,
        IEnumerable<string> hyphenPrefixes,
        IEnumerable<string> emoticons,
        IEnumerable<string> sentenceStarters,
        IEnumerable<KeyValuePair<string, int>> fusedForms)
    {
        _abbreviations = new HashSet<string>(abbreviations, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _titles = new HashSet<string>(titles, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _hyphenPrefixes = new HashSet<string>(hyphenPrefixes, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _emoticons = new HashSet<string>(emoticons, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _sentenceStarters = new HashSet<string>(sentenceStarters, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _fusedForms = new Dictionary<string, int>(fusedForms, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A word that takes a period as part of it (without the period): Mr, Nov, Inc, Calif.</summary>
    public bool IsAbbreviation(ReadOnlySpan<char> word) => _abbreviations.Contains(word);

    /// <summary>A title abbreviation after which a sentence never ends (Mr., Dr., Gen.), with its period.</summary>
    public bool IsTitle(ReadOnlySpan<char> token) => _titles.Contains(token);

    /// <summary>A prefix that stays attached to its hyphen in UD English (e-mail, non-state, co-founder).</summary>
    public bool IsHyphenPrefix(ReadOnlySpan<char> prefix) => _hyphenPrefixes.Contains(prefix);

    public bool IsEmoticon(ReadOnlySpan<char> chunk) => _emoticons.Contains(chunk);

    /// <summary>A capitalized word that usually opens a sentence (The, He, But): used after ambiguous abbreviations.</summary>
    public bool IsSentenceStarter(ReadOnlySpan<char> word) => _sentenceStarters.Contains(word);

    /// <summary>True for a clitic on its own: 's, n't, 're, 've, 'll, 'd, 'm (straight or curly apostrophe).</summary>
    public bool IsClitic(ReadOnlySpan<char> s) => s.Length switch
    {
        2 => IsApostrophe(s[0]) && (s[1] | 0x20) is 's' or 'd' or 'm',
        3 => IsApostrophe(s[0]) && (EqualsLower(s[1..], "re") || EqualsLower(s[1..], "ve") || EqualsLower(s[1..], "ll"))
             || (s[0] | 0x20) == 'n' && IsApostrophe(s[1]) && (s[2] | 0x20) == 't',
        _ => false,
    };

    /// <summary>Where a word splits into host and clitic ("don't" → 2, "Carter's" → 6, "cannot" → 3), or 0.</summary>
    public int CliticSplit(ReadOnlySpan<char> word)
    {
        int n = word.Length;
        if (n < 2) return 0;
        // Fused forms (cannot, gonna, dont) all end in t or a: test that before hashing.
        if (n is >= 4 and <= 8 && (word[n - 1] | 0x20) is 't' or 'a' && _fusedForms.TryGetValue(word, out int at)) return at;
        if (n > 3 && (word[n - 1] | 0x20) == 't' && IsApostrophe(word[n - 2]) && (word[n - 3] | 0x20) == 'n') return n - 3;
        // Plural 's after a number (the 1960's, 50's) stays on its host, as UD English keeps it.
        if (n > 2 && IsApostrophe(word[n - 2]) && (word[n - 1] | 0x20) is 's' or 'd' or 'm' && !char.IsDigit(word[n - 3])) return n - 2;
        if (n > 3 && IsApostrophe(word[n - 3]) && (EqualsLower(word[(n - 2)..], "re") || EqualsLower(word[(n - 2)..], "ve") || EqualsLower(word[(n - 2)..], "ll")))
            return n - 3;
        return 0;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool EqualsLower(ReadOnlySpan<char> s, string lower)
    {
        if (s.Length != lower.Length) return false;
        for (int i = 0; i < s.Length; i++) if ((s[i] | 0x20) != lower[i]) return false;
        return true;
    }

    /// <summary>The built-in English lists.</summary>
    public static TokenizerLexicon English()
    {
        string[] titles =
        [
            "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Cpl", "Pvt", "Capt", "Maj", "Adm", "Cmdr", "Cdr",
            "Brig", "Gov", "Sen", "Sens", "Rep", "Reps", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Det", "Amb", "Atty", "Sr", "Jr", "St", "Mt", "Ft",
        ];
        string[] other =
        [
            "Inc", "Corp", "Co", "Ltd", "Bros", "Assn", "Dept", "Univ", "Inst", "Intl", "Natl", "Govt",
            "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
            "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
            "No", "Nos", "vs", "etc", "approx", "est", "fig", "Fig", "al", "cf", "ca", "viz", "pp", "vol", "Vol", "ed", "eds", "Ave", "Blvd", "Rd", "Hwy", "Sq", "lb", "lbs", "oz", "ext", "eg", "hrs", "mins", "yr", "yrs",
            "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn",
            "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
        ];
        string[] prefixes =
        [
            "e", "non", "pre", "anti", "mid", "re", "post", "co", "over", "pro", "multi", "ex", "sub", "semi", "cross", "neo", "psycho", "socio",
            "counter", "intra", "inter", "micro", "macro", "un", "vice", "bi", "tri", "ultra", "mega", "mini", "trans", "extra", "quasi", "pseudo",
            "hyper", "super", "de", "mis", "geo",
        ];
        string[] emoticons = [":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", ":-p", "<3", ":/", ":-/", ":o", ":O", "^_^", "-_-"];
        string[] starters =
        [
            "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "From", "With",
            "This", "That", "These", "Those", "There", "Here", "His", "Her", "Their", "Its", "Our", "My", "Your", "However", "Meanwhile", "Also",
            "After", "Before", "When", "While", "If", "As", "Although", "Though", "Since", "Because", "Earlier", "Later", "Last", "Next", "Some",
            "Many", "Most", "Several", "Both", "All", "No", "Not", "What", "Who", "Where", "Why", "How", "Then", "Still", "Now", "Officials",
        ];
        KeyValuePair<string, int>[] fused =
        [
            new("cannot", 3), new("gonna", 3), new("gotta", 3), new("wanna", 3), new("dont", 2), new("didnt", 3), new("doesnt", 4), new("isnt", 2),
            new("wasnt", 3), new("arent", 3), new("werent", 4), new("hasnt", 3), new("havent", 4), new("hadnt", 3), new("couldnt", 5),
            new("wouldnt", 5), new("shouldnt", 6), new("cant", 2), new("wont", 2),
        ];
        return new TokenizerLexicon([.. titles, .. other], titles.Select(t => t + "."), prefixes, emoticons, starters, fused);
    }
}
