namespace Sitrep.Extraction.Places;

/// <summary>A toponym span and what it resolved to; <see cref="Entry"/> is -1 (and <see cref="Place"/> null) when no gazetteer entry matched.</summary>
public readonly record struct ResolvedToponym(TextSpan Span, int Entry, Place? Place, PlaceKind Kind);

/// <summary>Weights of the resolver's scoring features (docs/places.md); tuned on data/dev/toponyms-dev.jsonl.</summary>
public sealed record PlaceResolverOptions
{
    public double CountryPrior { get; init; } = 9;
    public double RegionPrior { get; init; } = 8;
    public double Admin1Prior { get; init; } = 4;
    public double GenericWordBonus { get; init; } = 8;
    public double SameNameCityPenalty { get; init; } = 5;
    public double Population { get; init; } = 1;
    public double AlternatePenalty { get; init; } = 1.5;
    public double CountryContext { get; init; } = 2.5;
    public double Admin1Context { get; init; } = 1.5;
    public double Containment { get; init; } = 10;
    public double Dateline { get; init; } = 1.5;
    public double NorpWeight { get; init; } = 0.5;
    public double OneSensePerArticle { get; init; } = 2;
    public double LocalContext { get; init; } = 2;
    public double CompassArea { get; init; } = 3;
    /// <summary>"across the Atlantic", "in the Gulf": a lower-case article before the name points at a sea or region, not a town.</summary>
    public double ArticleArea { get; init; } = 3;
    public static PlaceResolverOptions Default { get; } = new();
}

/// <summary>
/// Toponym resolution: every GPE/LOC/FAC entity gets a <see cref="Place"/> (GeoNames id, coordinates, country, admin1,
/// feature code, confidence), the dateline gets its entity, and a capital or country used as the subject of a
/// statement ("Washington said") is also marked as an actor. <see cref="Resolve"/> works on any spans (gold toponyms
/// in evaluation), reading only the text, the NORP entities and the dateline. Immutable and thread-safe.
/// </summary>
public sealed class PlaceResolver(Gazetteer gazetteer, PlaceResolverOptions? options = null) : IStage
{
    private readonly PlaceResolverOptions _o = options ?? PlaceResolverOptions.Default;

    public string Name => "places";
    public IReadOnlyList<string> Requires { get; } = [Layers.Tokens, Layers.Entities];
    public IReadOnlyList<string> Produces { get; } = [Layers.Places];
    public Gazetteer Gazetteer => gazetteer;

    public static PlaceResolver Load(string? path = null) => new(Gazetteer.Load(path ?? Gazetteer.DefaultPath()));

    private sealed class Candidate
    {
        public int Entry;
        public GazetteerEntry E;
        public bool Alternate;
        public double Prior, Score;
    }

    private sealed class Item
    {
        public TextSpan Span;
        public string Key = "";
        public bool WantsDivision;
        public List<Candidate> Candidates = [];
        public string? ContainerCountry, ContainerAdmin1;
        public bool IsCountryName, Inherited, AfterCompass, AfterArticle;
        public int Best = -1;
        public double Confidence;
    }

    public void Process(Document doc)
    {
        var spans = new List<TextSpan>();
        var owners = new List<Entity>();
        foreach (var e in doc.Entities)
        {
            if (e.Type is not (EntityType.GPE or EntityType.LOC or EntityType.FAC)) continue;
            foreach (var m in e.Mentions) { spans.Add(new TextSpan(m.Start, m.End)); owners.Add(e); }
        }
        if (spans.Count == 0) return;
        var resolved = Resolve(doc, spans);
        var best = new Dictionary<Entity, ResolvedToponym>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < resolved.Count; i++)
        {
            var r = resolved[i];
            if (r.Place is null) continue;
            if (!best.TryGetValue(owners[i], out var b) || (r.Place.Confidence ?? 0) > (b.Place!.Confidence ?? 0)) best[owners[i]] = r;
        }
        foreach (var e in doc.Entities)
        {
            if (!best.TryGetValue(e, out var r)) continue;
            e.Place = r.Place;
            var iso3 = gazetteer.Iso3(r.Place!.CountryCode);
            // The name table's country is a guess from the name alone ("Paris" → FRA, "Georgia" → GEO, "Tripoli" → LBY);
            // the resolved place, chosen in context ("PARIS, Texas", Atlanta nearby), says which country it is in.
            if (e.Type is EntityType.GPE or EntityType.LOC && iso3 is not null) e.Country = iso3;
            if (e.Actor is null && iso3 is not null && (r.Kind == PlaceKind.Country || r.Place.FeatureCode == "PPLC") && IsMetonymic(doc, e))
                e.Actor = iso3 + "GOV";
        }
    }

    /// <summary>Resolves each span against the gazetteer, using the other spans, the NORP entities and the dateline as context.</summary>
    public IReadOnlyList<ResolvedToponym> Resolve(Document doc, IReadOnlyList<TextSpan> spans)
    {
        var items = new Item[spans.Count];
        for (int i = 0; i < spans.Count; i++) items[i] = Candidates(doc, spans[i]);
        // One sense per article, first form: a name placed by a container once ("Paris, Texas") leans that way in its other
        // mentions, at half weight, since an article may contrast two places of one name.
        foreach (var it in items)
            if (it.ContainerCountry is null)
                foreach (var other in items)
                    if (other.ContainerCountry is not null && !other.Inherited && other.Key == it.Key && it.Key.Length > 0)
                    {
                        (it.ContainerCountry, it.ContainerAdmin1, it.Inherited) = (other.ContainerCountry, other.ContainerAdmin1, true);
                        break;
                    }

        // Votes: the article's countries (named countries, NORP entities, dateline) and the prior-best places.
        var countryVotes = new Dictionary<string, double>(StringComparer.Ordinal);
        var admin1Votes = new Dictionary<(string, string), double>();
        foreach (var e in doc.Entities)
            if (e.Type == EntityType.NORP && gazetteer.Iso2(e.Country) is { } cc)
                Add(countryVotes, cc, _o.NorpWeight * e.Mentions.Count);
        string? datelineCountry = null;
        if (doc.Metadata.DatelineSpan is { } dl)
        {
            var d = Candidates(doc, dl);
            Score(d, null, null, null);
            if (d.Best >= 0) datelineCountry = d.Candidates[d.Best].E.CountryCode;
            if (datelineCountry is not null) Add(countryVotes, datelineCountry, _o.Dateline);
            if (d.ContainerCountry is not null) Add(countryVotes, d.ContainerCountry, _o.Dateline);
        }
        foreach (var it in items) Score(it, null, null, null);
        var own = new (string? Cc, string? A1, double W)[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            var it = items[i];
            if (it.Best < 0) continue;
            var e = it.Candidates[it.Best].E;
            double w = e.Kind == PlaceKind.Country ? 1 : 0.5 * it.Confidence;
            if (e.CountryCode is { } cc)
            {
                Add(countryVotes, cc, w);
                if (e.Admin1 is { } a1 && e.Kind is PlaceKind.City or PlaceKind.Admin1) { admin1Votes[(cc, a1)] = admin1Votes.GetValueOrDefault((cc, a1)) + w; }
            }
            own[i] = (e.CountryCode, e.Kind is PlaceKind.City or PlaceKind.Admin1 ? e.Admin1 : null, w);
        }
        // Second pass with context (each item's own vote removed), then one sense per article.
        var local = new List<(string?, string?, double)>();
        for (int i = 0; i < items.Length; i++)
        {
            // Places named close by (within LocalWindow characters) are stronger evidence than the article at large.
            local.Clear();
            for (int j = 0; j < items.Length; j++)
                if (j != i && own[j].Cc is not null && items[j].Key != items[i].Key
                    && Math.Abs(items[j].Span.Start - items[i].Span.Start) <= LocalWindow) local.Add(own[j]);
            Score(items[i], countryVotes, admin1Votes, own[i], local);
        }
        var senses = new Dictionary<string, Dictionary<int, double>>(StringComparer.Ordinal);
        foreach (var it in items)
        {
            if (it.Best < 0) continue;
            if (!senses.TryGetValue(it.Key, out var s)) senses[it.Key] = s = [];
            int entry = it.Candidates[it.Best].Entry;
            s[entry] = s.GetValueOrDefault(entry) + it.Confidence;
        }
        var result = new ResolvedToponym[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            var it = items[i];
            // A mention with its own container ("Alexandria in Egypt") is not outvoted by the other mentions.
            bool ownContainer = it.ContainerCountry is not null && !it.Inherited;
            if (it.Best >= 0 && !ownContainer && senses.TryGetValue(it.Key, out var s) && s.Count > 1)
            {
                int self = it.Candidates[it.Best].Entry;
                foreach (var c in it.Candidates)
                {
                    double others = s.GetValueOrDefault(c.Entry) - (c.Entry == self ? it.Confidence : 0);
                    c.Score += _o.OneSensePerArticle * others;
                }
                Pick(it);
            }
            result[i] = it.Best < 0 || IsStray(it, countryVotes, own[i]) ? new ResolvedToponym(it.Span, -1, null, PlaceKind.City) : ToResult(it);
        }
        return result;
    }

    /// <summary>
    /// A small town (plain PPL) of a country nothing else in the article points to, while other places point elsewhere:
    /// "the town of Buzi" in a Mozambique story whose gazetteer namesake is a French village. Better unresolved than wrong.
    /// </summary>
    private static bool IsStray(Item it, Dictionary<string, double> countryVotes, (string? Cc, string? A1, double W) own)
    {
        var e = it.Candidates[it.Best].E;
        if (e.Kind != PlaceKind.City || e.FeatureCode != "PPL" || e.CountryCode is not { } cc || it.ContainerCountry is not null) return false;
        if (countryVotes.GetValueOrDefault(cc) - (own.Cc == cc ? own.W : 0) > 0.01) return false;
        foreach (var (other, v) in countryVotes) if (other != cc && v >= 1) return true;
        return false;
    }

    private ResolvedToponym ToResult(Item it)
    {
        var e = it.Candidates[it.Best].E;
        var place = new Place(Math.Round(e.Lat, 5), Math.Round(e.Lon, 5), e.GeonameId == 0 ? null : e.GeonameId, e.CountryCode, e.Admin1, e.FeatureCode,
            Math.Round(it.Confidence, 3));
        return new ResolvedToponym(it.Span, e.Index, place, e.Kind);
    }

    private static void Add(Dictionary<string, double> votes, string key, double w) => votes[key] = votes.GetValueOrDefault(key) + w;

    private const int LocalWindow = 150;

    private static readonly string[] Connectors = [" da ", " de ", " do ", " dos ", " das ", " del ", " di "];

    private static readonly string[] GenericWords = ["province", "region", "governorate", "oblast", "state", "district", "county", "prefecture"];

    private Item Candidates(Document doc, TextSpan span)
    {
        var it = new Item { Span = span };
        var text = doc.Slice(span).Trim();
        it.AfterArticle = text.StartsWith("the ", StringComparison.Ordinal);
        if (text.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) text = text[4..].TrimStart();
        if (text.EndsWith("'s", StringComparison.Ordinal) || text.EndsWith("\u2019s", StringComparison.Ordinal)) text = text[..^2];
        int lastSpace = text.LastIndexOf(' ');
        if (lastSpace > 0)
        {
            var last = text[(lastSpace + 1)..];
            foreach (var g in GenericWords)
                if (last.Equals(g, StringComparison.OrdinalIgnoreCase)) { it.WantsDivision = true; text = text[..lastSpace].TrimEnd(); break; }
        }
        // A trailing generic word after the span ("Nineveh province" tagged as "Nineveh").
        if (!it.WantsDivision)
        {
            var after = NextWord(doc.Text, span.End, out _);
            foreach (var g in GenericWords)
                if (after.Equals(g, StringComparison.OrdinalIgnoreCase)) { it.WantsDivision = true; break; }
        }
        var before = PreviousWords(doc.Text, span.Start, out var beforeWord);
        if (before.EndsWith(" of", StringComparison.Ordinal))
            foreach (var g in GenericWords)
                if (before.StartsWith(g, StringComparison.OrdinalIgnoreCase)) { it.WantsDivision = true; break; }
        foreach (var compass in Compass)
            if (beforeWord.Equals(compass, StringComparison.OrdinalIgnoreCase)) { it.AfterCompass = true; break; }
        it.AfterArticle |= beforeWord.Equals("the", StringComparison.Ordinal);
        it.Key = PlaceNameKey.Of(text);
        var postings = gazetteer.Find(text);
        // "Mocímboa da Praia" where the gazetteer has "Mocímboa": a Romance-language name without its "da/de/do …" tail.
        if (postings.IsEmpty)
            foreach (var connector in Connectors)
                if (text.IndexOf(connector, StringComparison.Ordinal) is > 0 and int at) { postings = gazetteer.Find(text[..at]); break; }
        foreach (int posting in postings)
        {
            int entry = Gazetteer.EntryOf(posting);
            var c = new Candidate { Entry = entry, E = gazetteer[entry], Alternate = Gazetteer.IsAlternate(posting) };
            c.Prior = Prior(c, it.WantsDivision);
            it.Candidates.Add(c);
            if (c.E.Kind == PlaceKind.Country && !c.Alternate) it.IsCountryName = true;
        }
        // A division sharing its name with a city of the same division ("Aleppo") means the city unless a generic word says otherwise.
        if (!it.WantsDivision)
            foreach (var d in it.Candidates)
                if (d.E.Kind == PlaceKind.Admin1)
                    foreach (var c in it.Candidates)
                        if (c.E.Kind == PlaceKind.City && !c.Alternate && c.E.CountryCode == d.E.CountryCode && c.E.Admin1 == d.E.Admin1 && c.E.Population > 0) { d.Prior -= _o.SameNameCityPenalty; break; }
        Container(doc, it);
        return it;
    }

    /// <summary>"Paris, Texas", "Alexandria, Va.", "Tripoli, Lebanon": the name after the comma, when it is a country or division, contains the place.</summary>
    private void Container(Document doc, Item it)
    {
        var t = doc.Text;
        int i = it.Span.End;
        if (i + 1 < t.Length && t[i] == ',' && t[i + 1] == ' ' && i + 2 < t.Length && char.IsUpper(t[i + 2]))
        {
            // "Santiago, the second city of the Dominican Republic": an appositive ending in "of/in X".
            int k = i + 2;
            if (t.AsSpan(k).StartsWith("the ", StringComparison.Ordinal) || t.AsSpan(k).StartsWith("a ", StringComparison.Ordinal)) i = AppositiveContainer(t, k);
            else i += 2;
        }
        else if (t.AsSpan(i).StartsWith(" in ", StringComparison.Ordinal)) i = SkipCompass(t, i + 4);
        else return;
        if (i < 0 || i >= t.Length || !char.IsUpper(t[i])) return;
        // Up to three capitalized words ("New South Wales", "N.Y.").
        int end = i, words = 0;
        int j = i;
        while (words < 3 && j < t.Length && char.IsUpper(t[j]))
        {
            while (j < t.Length && (char.IsLetter(t[j]) || t[j] == '.' || t[j] == '-' || t[j] == '\'')) j++;
            words++;
            end = j;
            var candidate = t.AsSpan(i, end - i);
            var trimmed = candidate.TrimEnd('.');
            foreach (int p in gazetteer.Find(candidate.Length > trimmed.Length && trimmed.Contains('.') ? candidate : trimmed))
            {
                var e = gazetteer[Gazetteer.EntryOf(p)];
                if (e.Kind == PlaceKind.Country && it.ContainerAdmin1 is null) it.ContainerCountry = e.CountryCode;
                else if (e.Kind == PlaceKind.Admin1) { it.ContainerCountry = e.CountryCode; it.ContainerAdmin1 = e.Admin1; }
            }
            if (j >= t.Length || t[j] != ' ') break;
            j++;
        }
    }

    private static readonly string[] Compass = ["northern", "southern", "eastern", "western", "central", "north-eastern", "north-western", "south-eastern", "south-western", "northeastern", "northwestern", "southeastern", "southwestern"];

    /// <summary>The two words before <paramref name="start"/> ("state of") and the last of them.</summary>
    private static ReadOnlySpan<char> PreviousWords(string t, int start, out ReadOnlySpan<char> last)
    {
        int i = start - 1;
        while (i >= 0 && t[i] == ' ') i--;
        int end = i + 1;
        while (i >= 0 && (char.IsLetter(t[i]) || t[i] == '-')) i--;
        last = t.AsSpan(i + 1, end - i - 1);
        while (i >= 0 && t[i] == ' ') i--;
        while (i >= 0 && char.IsLetter(t[i])) i--;
        return t.AsSpan(i + 1, end - i - 1);
    }

    private static int SkipCompass(string t, int i)
    {
        var w = NextWord(t, i, out int end);
        foreach (var c in Compass)
            if (w.Equals(c, StringComparison.Ordinal)) return end + 1 < t.Length ? end + 1 : -1;
        return i;
    }

    /// <summary>In ", the … of X" (up to 60 characters, not past a comma or period), the offset of X, or -1.</summary>
    private static int AppositiveContainer(string t, int k)
    {
        int limit = Math.Min(t.Length, k + 60);
        for (int i = k; i < limit - 4; i++)
        {
            if (t[i] is ',' or '.' or '\n') return -1;
            if (t[i] == ' ' && (t.AsSpan(i).StartsWith(" of ", StringComparison.Ordinal) || t.AsSpan(i).StartsWith(" in ", StringComparison.Ordinal)))
            {
                int j = i + 4;
                if (t.AsSpan(j).StartsWith("the ", StringComparison.Ordinal)) j += 4;
                if (j < t.Length && char.IsUpper(t[j])) return j;
            }
        }
        return -1;
    }

    private static ReadOnlySpan<char> NextWord(string t, int i, out int end)
    {
        while (i < t.Length && t[i] == ' ') i++;
        int s = i;
        while (i < t.Length && char.IsLetter(t[i])) i++;
        end = i;
        return t.AsSpan(s, i - s);
    }

    private double Prior(Candidate c, bool wantsDivision)
    {
        var e = c.E;
        double p = e.Kind switch
        {
            PlaceKind.Country => _o.CountryPrior + (e.FeatureCode == "PCLI" ? 1 : 0),
            PlaceKind.Region => _o.RegionPrior,
            PlaceKind.Admin1 => _o.Admin1Prior + Math.Log10(1 + e.Population) * 0.3 * _o.Population + (wantsDivision ? _o.GenericWordBonus : 0),
            _ => _o.Population * Math.Log10(1 + e.Population) + e.FeatureCode switch
            {
                "PPLC" => 3,
                "PPLA" => 2,
                "PPLA2" => 0.8,
                "PPLA3" or "PPLA4" or "PPLA5" => 0.3,
                "PPLX" or "PPLL" => -1.5,
                "PPLH" or "PPLQ" or "PPLW" or "PPLF" => -4,
                _ => 0,
            },
        };
        if (c.Alternate) p -= e.Kind == PlaceKind.City ? _o.AlternatePenalty : 0.3;
        return p;
    }

    private void Score(Item it, Dictionary<string, double>? countryVotes, Dictionary<(string, string), double>? admin1Votes, (string? Cc, string? A1, double W)? own,
        List<(string? Cc, string? A1, double W)>? local = null)
    {
        foreach (var c in it.Candidates)
        {
            double s = c.Prior;
            var cc = c.E.CountryCode;
            if (countryVotes is not null && cc is not null)
            {
                double v = countryVotes.GetValueOrDefault(cc) - (own is { } o && o.Cc == cc ? o.W : 0);
                if (v > 0) s += _o.CountryContext * Math.Log(1 + v);
                if (admin1Votes is not null && c.E.Admin1 is { } a1 && c.E.Kind is PlaceKind.City or PlaceKind.Admin1)
                {
                    double a = admin1Votes.GetValueOrDefault((cc, a1)) - (own is { } o2 && o2.Cc == cc && o2.A1 == a1 ? o2.W : 0);
                    if (a > 0) s += _o.Admin1Context * Math.Log(1 + a);
                }
            }
            if (it.ContainerCountry is not null && cc == it.ContainerCountry && c.E.Kind != PlaceKind.Country)
                s += _o.Containment * (it.Inherited ? 0.5 : 1) * (it.ContainerAdmin1 is null || it.ContainerAdmin1 == c.E.Admin1 ? 1 : 0.3);
            if (local is not null && cc is not null)
            {
                double v = 0;
                foreach (var (lcc, la1, w) in local)
                    if (lcc == cc) v += w * (la1 is not null && la1 == c.E.Admin1 && c.E.Kind is PlaceKind.City or PlaceKind.Admin1 ? 2 : 1);
                if (v > 0) s += _o.LocalContext * Math.Log(1 + v);
            }
            // "western Victoria", "southern Spain": a compass word before the name points at an area, not a town.
            if (it.AfterCompass && c.E.Kind != PlaceKind.City) s += _o.CompassArea;
            if (it.AfterArticle && c.E.Kind is PlaceKind.Region) s += _o.ArticleArea;
            c.Score = s;
        }
        Pick(it);
    }

    private static void Pick(Item it)
    {
        it.Best = -1;
        double max = double.NegativeInfinity;
        for (int i = 0; i < it.Candidates.Count; i++)
        {
            var c = it.Candidates[i];
            // Ties go to the lower entry index (countries, divisions, regions, then cities in file order): deterministic.
            if (c.Score > max) { max = c.Score; it.Best = i; }
        }
        if (it.Best < 0) { it.Confidence = 0; return; }
        double z = 0;
        foreach (var c in it.Candidates) z += Math.Exp(c.Score - max);
        it.Confidence = 1 / z;
    }

    private static readonly string[] SpeechVerbs =
        ["said", "says", "denied", "denies", "accused", "announced", "warned", "criticised", "criticized", "insisted", "rejected", "condemned",
         "urged", "responded", "demanded", "claimed", "stated", "confirmed", "threatened", "backed", "welcomed", "has", "have", "had"];

    /// <summary>A mention directly followed by a verb of saying (or an auxiliary) and not preceded by a preposition: the place acting as its government.</summary>
    private static bool IsMetonymic(Document doc, Entity e)
    {
        foreach (var m in e.Mentions)
        {
            var next = NextWord(doc.Text, m.End, out _);
            foreach (var v in SpeechVerbs)
                if (next.Equals(v, StringComparison.Ordinal)) return !PrecededByPreposition(doc.Text, m.Start);
        }
        return false;
    }

    private static bool PrecededByPreposition(string t, int start)
    {
        int i = start - 1;
        while (i >= 0 && t[i] == ' ') i--;
        int end = i + 1;
        while (i >= 0 && char.IsLetter(t[i])) i--;
        var w = t.AsSpan(i + 1, end - i - 1);
        return w is "in" or "at" or "from" or "to" or "near" or "of" or "In" or "At" or "From";
    }
}
