namespace Sitrep.Extraction.Quotes;

/// <summary>What a reporting word can introduce.</summary>
[Flags]
internal enum CueUse : byte
{
    None = 0,
    /// <summary>A complement clause: indirect speech ("said that…", "warned the deal could collapse").</summary>
    Clause = 1,
    /// <summary>Attributes a direct quote ("…," said Mr Carter).</summary>
    Direct = 2,
    /// <summary>Frames a quoted fragment ("called the decision '…'").</summary>
    Fragment = 4,
    /// <summary>Takes an object before its clause ("told reporters the next round…").</summary>
    Object = 8,
    /// <summary>Takes a gerund complement ("denied targeting civilians").</summary>
    Gerund = 16,
}

/// <summary>
/// The word lists of the quote finder: reporting verbs (every inflected form, so no lemmatizer is needed), pronouns,
/// and the nouns that refer back to an organisation ("the company"). Built once; read-only lookups by span.
/// </summary>
internal sealed class QuoteLexicon
{
    private static readonly (string Lemma, string[] Forms, CueUse Use)[] Verbs =
    [
        ("say", ["say", "says", "said", "saying"], CueUse.Clause | CueUse.Direct | CueUse.Fragment),
        ("tell", ["tell", "tells", "told", "telling"], CueUse.Clause | CueUse.Direct | CueUse.Object),
        ("add", ["add", "adds", "added", "adding"], CueUse.Clause | CueUse.Direct),
        ("warn", ["warn", "warns", "warned", "warning"], CueUse.Clause | CueUse.Direct | CueUse.Object),
        ("suggest", ["suggest", "suggests", "suggested", "suggesting"], CueUse.Clause | CueUse.Direct),
        ("claim", ["claim", "claims", "claimed", "claiming"], CueUse.Clause | CueUse.Direct),
        ("deny", ["deny", "denies", "denied", "denying"], CueUse.Clause | CueUse.Direct | CueUse.Gerund),
        ("argue", ["argue", "argues", "argued", "arguing"], CueUse.Clause | CueUse.Direct),
        ("insist", ["insist", "insists", "insisted", "insisting"], CueUse.Clause | CueUse.Direct),
        ("state", ["states", "stated"], CueUse.Clause | CueUse.Direct),
        ("announce", ["announce", "announces", "announced", "announcing"], CueUse.Clause | CueUse.Direct),
        ("report", ["report", "reports", "reported", "reporting"], CueUse.Clause),
        ("confirm", ["confirm", "confirms", "confirmed", "confirming"], CueUse.Clause | CueUse.Direct),
        ("explain", ["explain", "explains", "explained", "explaining"], CueUse.Clause | CueUse.Direct),
        ("note", ["notes", "noted", "noting"], CueUse.Clause | CueUse.Direct),
        ("estimate", ["estimate", "estimates", "estimated", "estimating"], CueUse.Clause),
        ("predict", ["predict", "predicts", "predicted", "predicting"], CueUse.Clause),
        ("forecast", ["forecasts", "forecasted"], CueUse.Clause),
        ("acknowledge", ["acknowledge", "acknowledges", "acknowledged", "acknowledging"], CueUse.Clause | CueUse.Direct),
        ("admit", ["admit", "admits", "admitted", "admitting"], CueUse.Clause | CueUse.Direct | CueUse.Gerund),
        ("maintain", ["maintains", "maintained"], CueUse.Clause),
        ("stress", ["stresses", "stressed", "stressing"], CueUse.Clause | CueUse.Direct),
        ("reiterate", ["reiterates", "reiterated"], CueUse.Clause | CueUse.Direct),
        ("contend", ["contend", "contends", "contended"], CueUse.Clause),
        ("allege", ["allege", "alleges", "alleged"], CueUse.Clause),
        ("assert", ["assert", "asserts", "asserted"], CueUse.Clause | CueUse.Direct),
        ("concede", ["concede", "concedes", "conceded"], CueUse.Clause | CueUse.Direct),
        ("declare", ["declares", "declared"], CueUse.Clause | CueUse.Direct),
        ("disclose", ["discloses", "disclosed"], CueUse.Clause),
        ("testify", ["testify", "testifies", "testified"], CueUse.Clause | CueUse.Direct),
        ("promise", ["promises", "promised"], CueUse.Clause | CueUse.Direct),
        ("caution", ["cautions", "cautioned"], CueUse.Clause | CueUse.Direct),
        ("complain", ["complain", "complains", "complained"], CueUse.Clause | CueUse.Direct),
        ("recall", ["recalls", "recalled"], CueUse.Clause | CueUse.Direct),
        ("reveal", ["reveals", "revealed"], CueUse.Clause),
        ("write", ["writes", "wrote"], CueUse.Clause | CueUse.Direct),
        ("ask", ["asks", "asked"], CueUse.Direct),
        ("reply", ["replies", "replied"], CueUse.Direct | CueUse.Clause),
        ("respond", ["responded"], CueUse.Direct),
        ("continue", ["continued"], CueUse.Direct),
        ("shout", ["shouted"], CueUse.Direct),
        ("recount", ["recounted"], CueUse.Direct),
        ("put", ["put"], CueUse.Direct),
        ("call", ["call", "calls", "called", "calling"], CueUse.Fragment),
        ("describe", ["describe", "describes", "described", "describing"], CueUse.Fragment),
        ("dub", ["dubbed"], CueUse.Fragment),
        ("brand", ["branded"], CueUse.Fragment),
        ("term", ["termed"], CueUse.Fragment),
    ];

    private readonly Dictionary<string, (string Lemma, CueUse Use)>.AlternateLookup<ReadOnlySpan<char>> _cues;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _orgNouns;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _genericOrgNouns;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _anonymity;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _passiveAux;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _objects;

    public QuoteLexicon()
    {
        var cues = new Dictionary<string, (string, CueUse)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (lemma, forms, use) in Verbs)
            foreach (var f in forms) cues[f] = (lemma, use);
        _cues = cues.GetAlternateLookup<ReadOnlySpan<char>>();
        _orgNouns = Set("company", "firm", "ministry", "government", "administration", "council", "agency", "group", "organisation",
            "organization", "army", "military", "police", "office", "commission", "committee", "authority", "authorities", "department",
            "union", "bank", "court", "embassy", "mission", "programme", "program", "charity", "operator", "coalition", "alliance", "party",
            "campaign", "service", "board", "movement", "militia", "network", "team", "club", "utility", "airline", "carrier", "insurer");
        _genericOrgNouns = Set("company", "firm", "group", "organisation", "organization", "agency", "charity", "operator", "carrier", "airline", "insurer", "utility");
        _anonymity = Set("anonymity", "named", "identified", "authorised", "authorized", "publicly", "anonymous");
        _passiveAux = Set("be", "is", "are", "was", "were", "been", "being");
        _objects = Set("reporters", "journalists", "me", "us", "him", "her", "them", "you", "parliament", "lawmakers", "legislators",
            "residents", "the", "a", "an", "his", "her", "their", "its", "our", "state", "local", "senators", "delegates", "colleagues", "supporters");
    }

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(params string[] words) =>
        new HashSet<string>(words, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryCue(ReadOnlySpan<char> word, out string lemma, out CueUse use)
    {
        if (_cues.TryGetValue(word, out var v)) { (lemma, use) = v; return true; }
        (lemma, use) = ("", CueUse.None);
        return false;
    }

    public bool IsOrgNoun(ReadOnlySpan<char> word) => _orgNouns.Contains(word);
    public bool IsGenericOrgNoun(ReadOnlySpan<char> word) => _genericOrgNouns.Contains(word);
    public bool IsAnonymityWord(ReadOnlySpan<char> word) => _anonymity.Contains(word);
    public bool IsPassiveAux(ReadOnlySpan<char> word) => _passiveAux.Contains(word);
    /// <summary>Words that may start the object of "told" ("told reporters", "told the BBC").</summary>
    public bool MayStartObject(ReadOnlySpan<char> word) => _objects.Contains(word);

    public static bool IsPersonalPronoun(ReadOnlySpan<char> w) =>
        w.Equals("he", StringComparison.OrdinalIgnoreCase) || w.Equals("she", StringComparison.OrdinalIgnoreCase);

    public static bool IsItPronoun(ReadOnlySpan<char> w) => w.Equals("it", StringComparison.OrdinalIgnoreCase);

    public static bool IsOtherPronoun(ReadOnlySpan<char> w) =>
        w.Equals("they", StringComparison.OrdinalIgnoreCase) || w.Equals("i", StringComparison.OrdinalIgnoreCase)
        || w.Equals("we", StringComparison.OrdinalIgnoreCase);
}
