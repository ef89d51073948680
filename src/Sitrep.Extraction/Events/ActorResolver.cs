namespace Sitrep.Extraction.Events;

/// <summary>An actor code and the entity it was read from (null for a described actor such as "Iraqi troops").</summary>
public readonly record struct ActorRef(string Code, string? Entity);

/// <summary>How an actor takes part, which decides the sector of a bare state: a political source is GOV, a physical target the country.</summary>
internal enum ActorRole : byte { Source, Target }

/// <summary>
/// Codes the noun phrase headed by one token as a CAMEO-style actor: named groups and IGOs from the table, people by
/// country + the sector of their title, states by ISO3 (+GOV as political actors, +MIL as sources of force), described
/// actors by nationality/possessor + sector word ("Iraqi troops" → IRQMIL, "Ethiopia's army chief" → ETHMIL).
/// </summary>
internal sealed class ActorResolver(ActorTable table, DependencyView view, DateOnly? date)
{
    /// <summary>Codes used by the entity-level actor (no event context): the country or group, plus a sector when the entity itself says one.</summary>
    public string? EntityActor(Entity e)
    {
        if (Group(e) is { } g) return g;
        switch (e.Type)
        {
            case EntityType.PERSON:
                return e.Country is { } c ? c + (TitleSector(e.Title) ?? "GOV") : DictionaryCode(e);
            case EntityType.ORG:
                return e.Country is { } oc ? oc + (NameSector(e.Name) ?? "") : DictionaryCode(e);
            default:
                return table.CountryOf(e);
        }
    }

    public string? Group(Entity e)
    {
        if (table.OwnGroup(e.Name) is { } g) return g;
        foreach (var m in e.Mentions)
            if (table.OwnGroup(m.Text) is { } mg) return mg;
        return null;
    }

    /// <summary>The PETRARCH dictionaries' code for an entity Sitrep cannot code itself (a 3-letter country code gets GOV).</summary>
    private string? DictionaryCode(Entity e)
    {
        string? code = table.DictionaryActor(e.Name, date);
        if (code is null)
            foreach (var m in e.Mentions)
                if ((code = table.DictionaryActor(m.Text, date)) is not null) break;
        if (code is null || code.Length < 3 || !code.All(char.IsAsciiLetterUpper)) return null;
        return code.Length == 3 ? code + "GOV" : code;
    }

    public string? TitleSector(string? title)
    {
        if (title is null) return null;
        if (table.Agent(title) is { } s && !ActorTable.IsGroupCode(s)) return s;
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 1; i < words.Length; i++)
            if (table.Agent(string.Join(' ', words[i..])) is { } t && !ActorTable.IsGroupCode(t)) return t;
        return null;
    }

    private string? NameSector(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = words.Length - 1; i >= 0; i--)
            if (table.Agent(words[i]) is { } s && !ActorTable.IsGroupCode(s)) return s;
        return null;
    }

    /// <summary>
    /// The actor of the phrase headed by <paramref name="head"/>, or null. <paramref name="physical"/>: the event is a use of
    /// force or coercion (roots 15, 17–20) or aid/visit to a place, so a bare state target stays a country and a bare state
    /// source becomes its military.
    /// </summary>
    public ActorRef? Resolve(int head, ActorRole role, bool physical, string? fallbackCountry, bool militarySource)
    {
        var entity = view.EntityOf(head);
        if (entity is not null)
        {
            if (Group(entity) is { } g) return new ActorRef(g, entity.Id);
            switch (entity.Type)
            {
                case EntityType.PERSON:
                    {
                        string? country = entity.Country ?? ModifierCountry(head, 0);
                        if (country is null) return DictionaryCode(entity) is { } dc ? new ActorRef(dc, entity.Id) : null;
                        return new ActorRef(country + (TitleSector(entity.Title) ?? "GOV"), entity.Id);
                    }
                case EntityType.GPE:
                case EntityType.NORP:
                case EntityType.LOC:
                    {
                        // "Iraqi troops" where the parser made the demonym the head is rare; a head that is a place is a state actor.
                        string? country = table.CountryOf(entity) ?? table.Country(entity.Name);
                        if (country is null) return null;
                        // "Israelis", "Kurds": the people, not the state.
                        if (entity.Type == EntityType.NORP && view.Doc.Tokens[head].Tag is "NNS" or "NNPS") return new ActorRef(country + "CVL", entity.Id);
                        return new ActorRef(StateCode(country, role, physical, militarySource), entity.Id);
                    }
                case EntityType.ORG:
                case EntityType.FAC:
                    {
                        var sector = NameSector(entity.Name) ?? SectorOf(head);
                        string? country = entity.Country ?? ModifierCountry(head, 0) ?? NameCountry(entity.Name);
                        if (country is null)
                            return sector is not null && ActorTable.IsGroupCode(sector) ? new ActorRef(sector, entity.Id)
                                : DictionaryCode(entity) is { } dc ? new ActorRef(dc, entity.Id) : null;
                        return new ActorRef(country + (sector ?? "GOV"), entity.Id);
                    }
            }
        }
        // "US Defence Secretary Ashton Carter" headed by the title: the person named beside it.
        foreach (var c in view.Children(head))
            if (c >= Floor && view.Rel(c) is "flat" or "appos" && view.EntityOf(c) is { Type: EntityType.PERSON } person && person.Country is not null)
                return new ActorRef(person.Country + (TitleSector(person.Title) ?? SectorOf(head) ?? "GOV"), person.Id);
        // A group name the recogniser missed ("the Rapid Support Forces"): the head with its name-like modifiers.
        if (view.Pos(head) is Upos.PROPN or Upos.NOUN && NamePhrase(head) is { } phrase && table.OwnGroup(phrase) is { } named) return new ActorRef(named, null);
        // A described actor: the sector from the head word (with its modifiers), the country or group from its modifiers.
        var agent = SectorOf(head);
        if (ModifierGroup(head, 0) is { } mg) return new ActorRef(mg.Code, mg.Entity);
        if (agent is null)
        {
            // A bare demonym or country name the recogniser missed ("Moscow said", "the Iraqis").
            if (view.Pos(head) is Upos.PROPN or Upos.ADJ && table.Country(view.Text(head)) is { } c)
                return new ActorRef(StateCode(c, role, physical, militarySource), null);
            return null;
        }
        var (mc, me) = ModifierCountryEntity(head, 0);
        // "two British aid workers": NGO staff of a named nationality are that country's civilians (docs/annotation-events.md §4).
        if (agent == "NGO" && mc is not null && view.Lemma(head).Equals("worker", StringComparison.OrdinalIgnoreCase)) return new ActorRef(mc + "CVL", me);
        if (ActorTable.IsGroupCode(agent)) return new ActorRef(agent, null);
        string? iso = mc ?? fallbackCountry;
        return iso is null ? null : new ActorRef(iso + agent, me);
    }

    /// <summary>
    /// The actors of a phrase, one per coordinated nationality or possessor ("Iraqi and US troops" → IRQMIL, USAMIL;
    /// "officials from Ethiopia and Eritrea" → ETHGOV, ERIGOV).
    /// </summary>
    public void ResolveAll(int head, ActorRole role, bool physical, string? fallbackCountry, bool militarySource, List<ActorRef> into)
    {
        _modifier = -1;
        var first = Resolve(head, role, physical, fallbackCountry, militarySource);
        if (first is not { } a) return;
        Add(into, a);
        int mod = _modifier;
        if (mod < 0 || a.Code.Length < 3 || ActorTable.IsGroupCode(a.Code)) return;
        string sector = a.Code[3..];
        foreach (var c in view.Children(mod))
        {
            if (view.Rel(c) != "conj") continue;
            var e = view.EntityOf(c);
            string? iso = e is not null && e.Type != EntityType.PERSON ? table.CountryOf(e) : null;
            iso ??= table.Country(view.Text(c));
            if (iso is not null) Add(into, new ActorRef(iso + sector, e?.Id));
        }
    }

    private static void Add(List<ActorRef> list, ActorRef a)
    {
        foreach (var x in list) if (x.Code == a.Code) return;
        list.Add(a);
    }

    /// <summary>
    /// Modifiers before this token are ignored (-1: none). Set while coding the object of a verb the parser put inside its
    /// object's noun phrase, whose left modifiers are really the subject ("Amnesty International accused Burkina Faso's army").
    /// </summary>
    public int Floor { get; set; } = -1;

    // The modifier token that gave the last resolved actor its country (for coordinated modifiers); per-call scratch state.
    private int _modifier = -1;

    public static string StateCode(string iso, ActorRole role, bool physical, bool militarySource) =>
        role == ActorRole.Target ? (physical ? iso : iso + "GOV") : militarySource ? iso + "MIL" : iso + "GOV";

    /// <summary>The sector of the head word, trying "modifier head" phrases first ("security forces", "aid agency").</summary>
    private string? SectorOf(int head)
    {
        string lemma = view.Lemma(head).ToLowerInvariant();
        foreach (var c in view.Children(head))
        {
            if (c < Floor) continue;
            if (view.Rel(c) is not ("compound" or "amod")) continue;
            if (table.Agent(view.Lemma(c).ToLowerInvariant() + " " + lemma) is { } s) return s;
            if (table.Agent(view.Text(c).ToString().ToLowerInvariant() + " " + lemma) is { } s2) return s2;
        }
        return table.Agent(lemma) ?? table.Agent(view.Text(head).ToString());
    }

    private string? ModifierCountry(int head, int depth) => ModifierCountryEntity(head, depth).Country;

    /// <summary>A country named by a modifier: demonym, country or place (nmod:poss, compound, amod, nmod of/from/in), two levels deep.</summary>
    private (string? Country, string? Entity) ModifierCountryEntity(int head, int depth)
    {
        foreach (var c in view.Children(head))
        {
            if (c < Floor) continue;
            var rel = view.Rel(c);
            bool nmod = rel == "nmod" && view.CaseOf(c) is "of" or "from" or "in";
            if (!(rel is "compound" or "amod" or "nmod:poss" or "flat" || nmod)) continue;
            var e = view.EntityOf(c);
            if (e is not null)
            {
                if (Group(e) is { } g && !ActorTable.IsGroupCode(g) && g.Length >= 3) { _modifier = c; return (g[..3], e.Id); }
                if (table.CountryOf(e) is { } ec && e.Type != EntityType.PERSON) { _modifier = c; return (ec, e.Id); }
                // "The Philippine Coast Guard spokesman": an organisation whose name carries its country.
                if (e.Type == EntityType.ORG && NameCountry(e.Name) is { } nc) { _modifier = c; return (nc, e.Id); }
            }
            if (table.Country(view.Text(c)) is { } iso) { _modifier = c; return (iso, e?.Id); }
            // "Iraq's interior ministry", "the army of Mali", and "a Russian army officer" (the demonym on the compound).
            if (depth < 2 && (rel is "nmod:poss" or "compound" || nmod) && ModifierCountryEntity(c, depth + 1) is { Country: not null } deeper) return deeper;
        }
        return (null, null);
    }

    /// <summary>A named group among the modifiers ("Hamas fighters", "ISIS militants", "Houthi forces").</summary>
    private ActorRef? ModifierGroup(int head, int depth)
    {
        // "a Kataib Hezbollah depot": the whole name of the modifiers before the one entity the recogniser found ("Hezbollah").
        if (ModifierName(head) is { } name && table.OwnGroup(name) is { } whole) return new ActorRef(whole, null);
        foreach (var c in view.Children(head))
        {
            if (c < Floor) continue;
            var rel = view.Rel(c);
            if (!(rel is "compound" or "amod" or "nmod:poss" or "flat" || (rel == "nmod" && view.CaseOf(c) is "of" or "from"))) continue;
            var e = view.EntityOf(c);
            if (e is not null && Group(e) is { } g) return new ActorRef(g, e.Id);
            // "a Kataib Hezbollah depot": the whole name before the one word ("Hezbollah" alone is another group).
            if (e is null && NamePhrase(c) is { } np && table.OwnGroup(np) is { } ng) return new ActorRef(ng, null);
            if (e is null && table.OwnGroup(view.Text(c).ToString()) is { } tg) return new ActorRef(tg, null);
            // "a coalition spokesman", "coalition jets": a role word that is itself a group.
            // (Not "a coalition government": only its forces and spokespeople.)
            if (e is null && rel is "compound" && depth == 0 && IsVoiceOrForce(head) && table.Agent(view.Lemma(c).ToLowerInvariant()) is { } ag && ActorTable.IsGroupCode(ag)) return new ActorRef(ag, null);
            if (depth < 1 && ModifierGroup(c, depth + 1) is { } deeper) return deeper;
        }
        return null;
    }

    /// <summary>The text of two or more capitalised compound words right before the head ("Kataib Hezbollah" in "Kataib Hezbollah depot").</summary>
    private string? ModifierName(int head)
    {
        int first = head, count = 0;
        for (int t = head - 1; t >= 0 && t >= Floor && view.Head(t) == head && view.Rel(t) is "compound" or "flat" && view.Text(t).Length > 0 && char.IsUpper(view.Text(t)[0]); t--)
        {
            first = t;
            count++;
        }
        if (count < 2) return null;
        var doc = view.Doc;
        return doc.Text[doc.Tokens[first].Start..doc.Tokens[head - 1].End];
    }

    private bool IsVoiceOrForce(int head)
    {
        string lemma = view.Lemma(head).ToLowerInvariant();
        return lemma is "spokesman" or "spokeswoman" or "spokesperson" or "official" or "commander" || table.Agent(lemma) == "MIL";
    }

    /// <summary>The capitalised compound/amod/flat words directly before the head, with the head ("Rapid Support Forces").</summary>
    private string? NamePhrase(int head)
    {
        int first = head;
        foreach (var c in view.Children(head))
            if (c < head && c >= Floor && view.Rel(c) is "compound" or "amod" or "flat" && view.Text(c).Length > 0 && char.IsUpper(view.Text(c)[0]) && c < first) first = c;
        if (first == head) return null;
        var doc = view.Doc;
        return doc.Text[doc.Tokens[first].Start..doc.Tokens[head].End];
    }

    private string? NameCountry(string name)
    {
        foreach (var w in name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (table.Country(w) is { } iso) return iso;
        return null;
    }
}
