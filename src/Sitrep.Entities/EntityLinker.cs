using System.Globalization;
using System.Text;
using Sitrep.Models;

namespace Sitrep.Entities;

/// <summary>
/// Turns the recognizer's raw mentions into linked entities: known organisation aliases and lexicon places and
/// nationalities, GPE/LOC/NORP refinement with ISO 3166-1 alpha-3 codes, titles and roles, then within-article
/// clustering by name structure, acronym definitions, aliases and case-folding, and subject pronouns and
/// definite group nominals resolved to the most recent compatible entity. Rules are documented in docs/entities.md.
/// Immutable and thread-safe: all per-document state lives in local variables.
/// </summary>
public sealed class EntityLinker(EntityLexicon lexicon) : IStage
{
    private enum Kind { Named, Pronoun, Nominal }

    private sealed class M
    {
        public int A, B;
        public EntityType Type;
        public string? Iso3;
        public string? Canonical;
        public Kind Kind;
        public string? Gender;
        public bool Caps;
        public int Entity = -1;
        public int Sentence;
        public string? Title;
        public string? TitleCountry;
        public int RoleIndex = -1;
        public bool IsCountry;
    }

    private static readonly HashSet<string> MemberNouns = new(StringComparer.OrdinalIgnoreCase)
    { "militants", "fighters", "members", "jihadists", "supporters", "gunmen", "insurgents", "loyalists", "operatives", "extremists" };

    private static readonly HashSet<string> GroupNominals = new(StringComparer.OrdinalIgnoreCase)
    { "group", "militants", "organisation", "organization", "jihadists", "extremists", "insurgents", "movement", "militia", "rebels" };

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    { "a", "an", "the", "some", "several", "two", "three", "many", "other", "one", "another", "senior", "local" };

    private static readonly HashSet<string> LeadingFunctionWords = new(StringComparer.OrdinalIgnoreCase)
    { "but", "and", "or", "so", "yet", "while", "when", "if", "as", "after", "before", "meanwhile", "however" };

    private static readonly HashSet<string> Locatives = new(StringComparer.OrdinalIgnoreCase)
    { "in", "into", "near", "towards", "toward", "from", "across", "outside", "inside", "around" };

    private static readonly HashSet<string> StormWords = new(StringComparer.OrdinalIgnoreCase) { "Cyclone", "Hurricane", "Typhoon", "Storm", "Tropical" };
    private static readonly HashSet<string> PlaceConnectors = new(StringComparer.Ordinal) { "da", "de", "do", "dos", "das", "del", "di" };

    /// <summary>Last words of administrative-division names ("Lamar County", "Nineveh Province").</summary>
    private static readonly HashSet<string> PlaceGenerics = new(StringComparer.OrdinalIgnoreCase)
        { "County", "Province", "Governorate", "Oblast", "District", "Parish", "Prefecture", "Borough" };
    private static readonly HashSet<string> NonNames = new(StringComparer.OrdinalIgnoreCase) { "of", "the", "in", "and", "for", "on", "de", "al" };

    public string Name => "entities";
    public IReadOnlyList<string> Requires { get; } = [Layers.Tokens, Layers.Sentences, EntityRecognizer.MentionsLayer];
    public IReadOnlyList<string> Produces { get; } = [Layers.Entities];

    public void Process(Document doc)
    {
        var tokens = doc.Tokens;
        if (tokens.Length == 0) { doc.Entities.Clear(); return; }
        var sentenceOf = new int[tokens.Length];
        var capsSentence = new bool[doc.Sentences.Count];
        for (int s = 0; s < doc.Sentences.Count; s++)
        {
            var sent = doc.Sentences[s];
            int upper = 0, cased = 0;
            for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
            {
                sentenceOf[t] = s;
                foreach (char c in Tok(doc, t)) { if (char.IsUpper(c)) { upper++; cased++; } else if (char.IsLower(c)) cased++; }
            }
            capsSentence[s] = cased >= 4 && upper * 10 >= cased * 8;
        }
        bool Caps(int t) => capsSentence[sentenceOf[t]];

        // 1. Raw mentions from the recognizer.
        var ms = new List<M>();
        foreach (var e in doc.Entities)
            foreach (var m in e.Mentions)
            {
                int a = TokenAt(tokens, m.Start), b = TokenAt(tokens, m.End - 1) + 1;
                if (a < 0 || b <= a) continue;
                ms.Add(new M { A = a, B = b, Type = e.Type, Caps = UpperWords(doc, a, b), Sentence = sentenceOf[a] });
            }
        doc.Entities.Clear();
        ms.Sort((x, y) => x.A.CompareTo(y.A));
        // Named storms ("Cyclone Idai", "Hurricane Katrina") are none of the entity types, least of all persons.
        ms.RemoveAll(m => StormWords.Contains(Tok(doc, m.A).ToString()) && m.B - m.A > 1);
        // "Mocímboa da Praia" tagged as two places: one name across a lower-case Romance connector.
        for (int i = ms.Count - 2; i >= 0; i--)
        {
            M x = ms[i], y = ms[i + 1];
            if (x.Type is EntityType.LOC or EntityType.GPE && y.Type is EntityType.LOC or EntityType.GPE && y.A == x.B + 1 && x.Sentence == y.Sentence
                && PlaceConnectors.Contains(Tok(doc, x.B).ToString()))
            {
                x.B = y.B;
                x.Type = EntityType.LOC;
                ms.RemoveAt(i + 1);
            }
        }

        // 2. Sentence-initial function words are not part of names; an honorific or a given name before a name makes a person.
        foreach (var m in ms)
        {
            while (m.B - m.A > 1 && LeadingFunctionWords.Contains(Tok(doc, m.A).ToString())) m.A++;
            while (m.B - m.A > 1 && IsPossessive(Tok(doc, m.B - 1))) m.B--;  // "Ukraine's": the name without its clitic
            if (IsHonorific(doc, m.A, out _) || m.A > 0 && sentenceOf[m.A - 1] == m.Sentence && IsHonorific(doc, m.A - 1, out _)) m.Type = EntityType.PERSON;
            else if (m.A > 0 && sentenceOf[m.A - 1] == m.Sentence && !Covered(ms, m.A - 1) && Tok(doc, m.A - 1) is { Length: > 1 } given
                && char.IsUpper(given[0]) && lexicon.FirstNameLookup.TryGetValue(given, out _) && !IsTitleWord(doc, m.A - 1))
            {
                m.A--;
                m.Type = EntityType.PERSON;
            }
        }
        // The same name tagged with different types in one article takes its majority type; a one-word "person"
        // that only ever appears after locative prepositions and never with a title or given name is a place.
        var votes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var m in ms)
        {
            string key = Fold(Slice(doc, m.A, m.B).ToString());
            if (!votes.TryGetValue(key, out var v)) votes[key] = v = new int[8];
            v[(int)m.Type]++;
            if (m.A > 0 && Locatives.Contains(Tok(doc, m.A - 1).ToString())) v[6]++;
            if (m.A > 0 && (IsHonorific(doc, m.A - 1, out _) || IsTitleWord(doc, m.A - 1))) v[7]++;
        }
        foreach (var m in ms)
        {
            var v = votes[Fold(Slice(doc, m.A, m.B).ToString())];
            int best = (int)m.Type;
            for (int t = 0; t < 6; t++) if (v[t] > v[best]) best = t;
            m.Type = (EntityType)best;
            if (m.Type == EntityType.PERSON && m.B - m.A == 1 && v[6] > 0 && v[7] == 0 && !lexicon.FirstNameLookup.TryGetValue(Tok(doc, m.A), out _))
                m.Type = EntityType.LOC;
        }

        // "Harris County Sheriff Ed Gonzalez", "Lamar County Judge Brandon Bell" read as one name: the title inside splits it
        // into the place or organisation whose officer the person is and the person; a "person" ending in "County" is a place.
        for (int i = 0, count = ms.Count; i < count; i++)
        {
            var m = ms[i];
            if (m.Type != EntityType.PERSON) continue;
            int title = -1;
            for (int k = m.B - 2; k > m.A; k--)
                if (IsTitleWord(doc, k) && char.IsUpper(Tok(doc, k + 1)[0]) && !IsTitleWord(doc, k + 1)) { title = k; break; }
            if (title > m.A)
            {
                int head = title;
                while (head > m.A && (IsTitleWord(doc, head - 1) || IsModifierOfTitle(doc, head - 1, m.B))) head--;
                int office = head;
                while (office > m.A && IsPossessive(Tok(doc, office - 1))) office--;
                if (office > m.A && !IsHonorific(doc, office - 1, out _) && Country(doc, m.A, office) is null && !IsDemonym(doc, m.A, office, out _))
                {
                    var officeType = PlaceGenerics.Contains(Tok(doc, office - 1).ToString()) ? EntityType.LOC : EntityType.ORG;
                    ms.Add(new M { A = m.A, B = office, Type = officeType, Caps = UpperWords(doc, m.A, office), Sentence = m.Sentence });
                    m.A = head;
                }
            }
            if (m.B - m.A > 1 && PlaceGenerics.Contains(Tok(doc, m.B - 1).ToString())) m.Type = EntityType.LOC;
        }
        ms.Sort((x, y) => x.A.CompareTo(y.A));

        // Person spans lose leading titles, nationalities and countries ("FRENCH PRESIDENT FRANCOIS HOLLANDE").
        foreach (var m in ms)
        {
            if (m.Type != EntityType.PERSON) continue;
            while (m.B - m.A > 1 && (IsTitleWord(doc, m.A) || IsModifierOfTitle(doc, m.A, m.B) || IsDemonym(doc, m.A, m.A + 1, out _) || Country(doc, m.A, m.A + 1) is not null
                || IsPossessive(Tok(doc, m.A)))) m.A++;
        }
        // Model names that are nationality words are nationalities; places are refined by the country table.
        foreach (var m in ms)
        {
            if (IsDemonym(doc, m.A, m.B, out var iso)) { m.Type = EntityType.NORP; m.Iso3 = iso; continue; }
            if (m.Type is EntityType.LOC or EntityType.GPE or EntityType.ORG && Country(doc, m.A, m.B) is { } c) { m.Type = EntityType.GPE; m.Iso3 = c; m.IsCountry = true; }
            else if (m.Type is EntityType.LOC or EntityType.GPE && lexicon.CapitalLookup.TryGetValue(Slice(doc, m.A, m.B), out var k)) { m.Type = EntityType.GPE; m.Iso3 = k; }
            if (m.Type == EntityType.ORG && lexicon.Organisation(Slice(doc, m.A, m.B).ToString(), !m.Caps) is { } org) m.Canonical = org;
        }

        // 3. Known organisation aliases (longest match) replace what they overlap; lexicon places and nationalities fill gaps.
        for (int s = 0; s < doc.Sentences.Count; s++)
        {
            var sent = doc.Sentences[s];
            for (int i = sent.TokenStart; i < sent.TokenEnd; i++)
            {
                var first = Tok(doc, i);
                if (first.Length == 0 || !char.IsUpper(first[0])) continue;
                int bestB = -1;
                string? canonical = null;
                for (int j = Math.Min(sent.TokenEnd, i + lexicon.MaxAliasWords); j > i; j--)
                {
                    var span = Slice(doc, i, j);
                    if (lexicon.OrgExact.TryGetValue(span, out var c) || (!capsSentence[s] || j - i > 1) && lexicon.OrgFolded.TryGetValue(span, out c))
                    {
                        bestB = j;
                        canonical = c;
                        break;
                    }
                }
                if (bestB < 0) continue;
                if (bestB - i == 1 && capsSentence[s] && Tok(doc, i).Length <= 3) continue;
                bool insidePerson = false;
                foreach (var m in ms) if (m.Type == EntityType.PERSON && m.A <= i && bestB <= m.B && m.B - m.A > bestB - i) insidePerson = true;
                if (insidePerson) continue;
                ms.RemoveAll(m => m.A < bestB && i < m.B);
                ms.Add(new M { A = i, B = bestB, Type = EntityType.ORG, Canonical = canonical, Caps = UpperWords(doc, i, bestB), Sentence = s });
                i = bestB - 1;
            }
            for (int i = sent.TokenStart; i < sent.TokenEnd; i++)
            {
                var first = Tok(doc, i);
                if (first.Length == 0 || !char.IsUpper(first[0]) || Covered(ms, i)) continue;
                for (int j = Math.Min(sent.TokenEnd, i + 4); j > i; j--)
                {
                    if (Overlaps(ms, i, j)) continue;
                    var span = Slice(doc, i, j);
                    M? add = null;
                    if (IsDemonym(doc, i, j, out var iso)) add = new M { Type = EntityType.NORP, Iso3 = iso };
                    else if (Country(doc, i, j) is { } c && (span.Length > 2 || !capsSentence[s])) add = new M { Type = EntityType.GPE, Iso3 = c, IsCountry = true };
                    else if (lexicon.CapitalLookup.TryGetValue(span, out var k) && span.Length > 3) add = new M { Type = EntityType.GPE, Iso3 = k };
                    else if (lexicon.RegionLookup.Contains(span)) add = new M { Type = EntityType.LOC };
                    if (add is null) continue;
                    add.A = i; add.B = j; add.Caps = UpperWords(doc, i, j); add.Sentence = s;
                    ms.Add(add);
                    i = j - 1;
                    break;
                }
            }
        }
        ms.Sort((x, y) => x.A.CompareTo(y.A));

        // 4. A country name used as a modifier ("US-led", "US military official") is a nationality (NORP).
        foreach (var m in ms)
        {
            if (m.Type != EntityType.GPE || m.Iso3 is null || m.B >= tokens.Length || sentenceOf[m.B] != m.Sentence) continue;
            var next = Tok(doc, m.B);
            var pos = tokens[m.B].Pos;
            bool modifier = next is "-" || IsTitleWord(doc, m.B) || lexicon.RoleLookup.TryGetValue(next, out _)
                || (next.Length > 0 && char.IsLower(next[0]) && pos is Upos.NOUN or Upos.ADJ);
            if (modifier && !lexicon.CapitalLookup.TryGetValue(Slice(doc, m.A, m.B), out _)) m.Type = EntityType.NORP;
        }
        // "the Iraqi city of Mosul": the place takes the nationality's country.
        foreach (var m in ms)
        {
            if (m.Type is not (EntityType.LOC or EntityType.GPE) || m.Iso3 is not null || m.A < 3) continue;
            if (!Tok(doc, m.A - 1).Equals("of", StringComparison.OrdinalIgnoreCase)) continue;
            var noun = Tok(doc, m.A - 2);
            if (!(noun is "city" or "town" or "village" or "province" or "region" or "capital")) continue;
            for (int k = m.A - 3; k >= Math.Max(0, m.A - 5); k--)
            {
                var norp = Find(ms, k);
                if (norp is { Type: EntityType.NORP or EntityType.GPE, Iso3: { } iso }) { m.Iso3 = iso; m.Type = EntityType.GPE; break; }
            }
        }
        // Members named by their group ("ISIS militants") are mentions of the group.
        foreach (var m in ms)
            if (m.Type == EntityType.ORG && m.B < tokens.Length && sentenceOf[m.B] == m.Sentence && MemberNouns.Contains(Tok(doc, m.B).ToString()) && Find(ms, m.B) is null)
                m.B++;

        // 5. Titles of named people, and descriptions of unnamed sources.
        var roles = new List<RoleMention>();
        foreach (var m in ms)
        {
            if (m.Type != EntityType.PERSON) continue;
            int k = m.A - 1, titleStart = -1, titleEnd = -1;
            bool hasTitle = false;
            string? country = null;
            while (k >= 0 && sentenceOf[k] == m.Sentence)
            {
                if (IsHonorific(doc, k, out var g)) { m.Gender ??= g; if (titleEnd < 0) { m.A = k; k--; continue; } break; }
                if (IsTitleWord(doc, k) || (titleEnd >= 0 && lexicon.RoleLookup.TryGetValue(Tok(doc, k), out var cat) && (cat & LexiconCategory.TitleModifier) != 0))
                {
                    if (titleEnd < 0) titleEnd = k + 1;
                    titleStart = k;
                    hasTitle |= IsTitleWord(doc, k);
                    k--;
                    continue;
                }
                // "Ukraine's Foreign Minister Andrii Sybiha": the title's country before a possessive.
                if (titleEnd >= 0 && IsPossessive(Tok(doc, k)) && k > 0 && sentenceOf[k - 1] == m.Sentence
                    && Find(ms, k - 1) is { Type: EntityType.NORP or EntityType.GPE, Iso3: not null } owner && owner.B == k)
                { country = owner.Iso3; titleStart = owner.A; k = owner.A - 1; }
                else if (titleEnd >= 0 && Find(ms, k) is { Type: EntityType.NORP or EntityType.GPE } c) { country = c.Iso3; titleStart = c.A; k = c.A - 1; }
                else if (titleEnd >= 0 && IsDemonym(doc, k, k + 1, out var iso)) { country = iso; titleStart = k; k--; }
                break;
            }
            if (!hasTitle || titleEnd < 0) continue;
            int ts = titleStart;
            while (ts < titleEnd && (Country(doc, ts, ts + 1) is not null || IsDemonym(doc, ts, ts + 1, out _) || Find(ms, ts) is { Type: EntityType.NORP or EntityType.GPE }
                || IsPossessive(Tok(doc, ts)))) ts++;
            if (ts >= titleEnd) continue;
            m.Title = Slice(doc, ts, titleEnd).ToString();
            m.TitleCountry = country;
            m.RoleIndex = roles.Count;
            roles.Add(new RoleMention(tokens[titleStart].Start, tokens[titleEnd - 1].End, Slice(doc, titleStart, titleEnd).ToString(),
                Tok(doc, titleEnd - 1).ToString(), country, null, true));
        }
        for (int t = 0; t < tokens.Length; t++)
        {
            if (!lexicon.RoleLookup.TryGetValue(Tok(doc, t), out var cat) || (cat & LexiconCategory.Role) == 0) continue;
            var word = Tok(doc, t);
            if (word.Length == 0 || char.IsUpper(word[0]) && !Caps(t) || Covered(ms, t) || InRole(roles, tokens[t].Start)) continue;
            if (t + 1 < tokens.Length && Find(ms, t + 1) is { Type: EntityType.PERSON }) continue;
            int a = t;
            string? country = null, place = null;
            while (a - 1 >= 0 && sentenceOf[a - 1] == sentenceOf[t])
            {
                var prev = Tok(doc, a - 1);
                if (Find(ms, a - 1) is { } pm && pm.B == a && pm.Type is EntityType.NORP or EntityType.GPE or EntityType.LOC)
                {
                    country ??= pm.Iso3;
                    place ??= pm.Type == EntityType.NORP ? null : "m" + pm.A.ToString(CultureInfo.InvariantCulture);
                    a = pm.A;
                    continue;
                }
                if (lexicon.RoleLookup.TryGetValue(prev, out var pc) && (pc & LexiconCategory.TitleModifier) != 0 || tokens[a - 1].Pos == Upos.ADJ && char.IsLower(prev[0]))
                { a--; continue; }
                if (Determiners.Contains(prev.ToString())) { a--; break; }
                break;
            }
            roles.Add(new RoleMention(tokens[a].Start, tokens[t].End, Slice(doc, a, t + 1).ToString(), word.ToString().ToLowerInvariant(), country, place, false));
        }

        // 6. Subject pronouns and definite group nominals.
        for (int t = 0; t < tokens.Length; t++)
        {
            var w = Tok(doc, t);
            if (Covered(ms, t)) continue;
            if (w.Equals("he", StringComparison.OrdinalIgnoreCase) || w.Equals("she", StringComparison.OrdinalIgnoreCase))
            {
                if (SubjectPosition(doc, tokens, sentenceOf, t))
                    ms.Add(new M { A = t, B = t + 1, Type = EntityType.PERSON, Kind = Kind.Pronoun, Gender = w[0] is 'h' or 'H' ? "m" : "f", Sentence = sentenceOf[t] });
            }
            else if (w.Equals("the", StringComparison.OrdinalIgnoreCase) && t + 1 < tokens.Length && sentenceOf[t + 1] == sentenceOf[t])
            {
                int end = t + 1;
                if (end + 1 < tokens.Length && sentenceOf[end + 1] == sentenceOf[t] && GroupNominals.Contains(Tok(doc, end + 1).ToString()) && tokens[end].Pos == Upos.ADJ) end++;
                if (GroupNominals.Contains(Tok(doc, end).ToString()) && char.IsLower(Tok(doc, end)[0]))
                    ms.Add(new M { A = t, B = end + 1, Type = EntityType.ORG, Kind = Kind.Nominal, Sentence = sentenceOf[t] });
            }
        }
        ms.Sort((x, y) => x.A.CompareTo(y.A));

        // 7. Clustering.
        var clusters = new List<List<M>>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in ms)
        {
            if (m.Kind != Kind.Named || m.Type == EntityType.PERSON) continue;
            string key = m.Type switch
            {
                EntityType.ORG when m.Canonical is { } c => "ORG:" + c,
                EntityType.NORP when m.Iso3 is { } iso => "NORP:" + iso,
                EntityType.GPE when m.IsCountry && m.Iso3 is { } iso => "GPE:" + iso,
                EntityType.GPE or EntityType.LOC or EntityType.FAC => "PLACE:" + Fold(NameText(doc, m)),
                _ => m.Type + ":" + Fold(NameText(doc, m)),
            };
            if (!byKey.TryGetValue(key, out int id))
            {
                id = clusters.Count;
                clusters.Add([]);
                byKey[key] = id;
            }
            Join(clusters, m, id);
            // Acronym definition: "Islamic State in Iraq and Syria (ISIS)".
            if (m.Type == EntityType.ORG && m.B + 2 < tokens.Length && Tok(doc, m.B) is "(" && Tok(doc, m.B + 2) is ")")
            {
                var acr = Tok(doc, m.B + 1);
                if (acr.Length >= 2 && IsAllUpper(acr) && Initials(doc, m).StartsWith(acr.ToString().Replace(".", ""), StringComparison.OrdinalIgnoreCase))
                    byKey.TryAdd("ORG:" + Fold(acr.ToString()), id);
            }
        }
        // People: full names first, then single names, honorific names and initials join the most recent compatible one.
        var persons = ms.FindAll(m => m.Kind == Kind.Named && m.Type == EntityType.PERSON);
        foreach (var pass in new[] { true, false })
            foreach (var m in persons)
            {
                var parts = NameParts(doc, m);
                if ((parts.Count >= 2) != pass || parts.Count == 0) continue;
                int best = -1, bestPos = -1;
                for (int c = 0; c < clusters.Count; c++)
                {
                    if (clusters[c][0].Type != EntityType.PERSON) continue;
                    foreach (var other in clusters[c])
                    {
                        if (!CompatibleNames(parts, NameParts(doc, other))) continue;
                        int position = other.A < m.A ? other.A : -other.A;
                        if (position > bestPos || best < 0) { best = c; bestPos = position; }
                    }
                }
                if (best < 0) { best = clusters.Count; clusters.Add([]); }
                Join(clusters, m, best);
            }
        // Pronouns and nominals: the most recent compatible named mention within the previous sentences.
        foreach (var m in ms)
        {
            if (m.Kind == Kind.Named) continue;
            int window = m.Kind == Kind.Pronoun ? 2 : 5;
            M? antecedent = null;
            foreach (var o in ms)
            {
                if (o.Kind != Kind.Named || o.Entity < 0 || o.A >= m.A || m.Sentence - o.Sentence > window) continue;
                if (o.Type != m.Type) continue;
                if (m.Kind == Kind.Pronoun && GenderOf(clusters[o.Entity], doc) is { } g && g != m.Gender) continue;
                antecedent = o;
            }
            if (antecedent is not null) Join(clusters, m, antecedent.Entity);
        }

        // 8. Entities in order of first mention.
        var order = new List<int>();
        for (int c = 0; c < clusters.Count; c++) if (clusters[c].Count > 0) order.Add(c);
        order.Sort((x, y) => First(clusters[x]).CompareTo(First(clusters[y])));
        var ids = new Dictionary<int, string>();
        foreach (int c in order)
        {
            var list = clusters[c];
            list.Sort((x, y) => x.A.CompareTo(y.A));
            string id = "e" + (doc.Entities.Count + 1).ToString(CultureInfo.InvariantCulture);
            ids[c] = id;
            var named = list.FindAll(x => x.Kind == Kind.Named);
            var type = named.Exists(x => x.Type == EntityType.GPE) ? EntityType.GPE : named[0].Type;
            var entity = new Entity { Id = id, Type = type, Name = BestName(doc, named) };
            foreach (var x in list)
            {
                int a = tokens[x.A].Start, b = tokens[x.B - 1].End;
                entity.Mentions.Add(new Mention(a, b, doc.Text.Substring(a, b - a)));
            }
            var titled = named.Find(x => x.Title is not null && !x.Caps) ?? named.Find(x => x.Title is not null);
            if (titled is not null)
            {
                entity.Title = IsAllUpper(titled.Title) ? TitleCase(titled.Title!) : titled.Title;
                entity.Country = titled.TitleCountry;
            }
            if (type is EntityType.GPE or EntityType.NORP or EntityType.LOC) entity.Country = named.Find(x => x.Iso3 is not null)?.Iso3;
            foreach (var x in named) if (x.RoleIndex >= 0) roles[x.RoleIndex] = roles[x.RoleIndex] with { Entity = id };
            doc.Entities.Add(entity);
        }
        var placeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in ms) if (m.Entity >= 0 && ids.TryGetValue(m.Entity, out var pid)) placeIds["m" + m.A.ToString(CultureInfo.InvariantCulture)] = pid;
        roles.Sort((x, y) => x.Start.CompareTo(y.Start));
        doc.Roles.Clear();
        foreach (var r in roles)
            doc.Roles.Add(r.Named || r.Entity is null ? r : r with { Entity = placeIds.GetValueOrDefault(r.Entity) });
    }

    private static void Join(List<List<M>> clusters, M m, int id)
    {
        m.Entity = id;
        clusters[id].Add(m);
    }

    private static int First(List<M> list)
    {
        int a = int.MaxValue;
        foreach (var m in list) a = Math.Min(a, m.A);
        return a;
    }

    private string? GenderOf(List<M> cluster, Document doc)
    {
        foreach (var m in cluster) if (m.Kind == Kind.Named && m.Gender is { } g) return g;
        foreach (var m in cluster)
            if (m.Kind == Kind.Named && m.Type == EntityType.PERSON && m.B - m.A >= 2 && lexicon.FirstNameLookup.TryGetValue(Tok(doc, m.A), out var g2)) return g2;
        return null;
    }

    private static bool SubjectPosition(Document doc, Span<TokenData> tokens, int[] sentenceOf, int t)
    {
        int p = t - 1;
        while (p >= 0 && sentenceOf[p] == sentenceOf[t] && Tok(doc, p) is "\"" or "“" or "'" or "‘") p--;
        if (p < 0 || sentenceOf[p] != sentenceOf[t]) return true;
        var prev = Tok(doc, p);
        return prev is "," or ";" or ":" || prev.Equals("and", StringComparison.OrdinalIgnoreCase) || prev.Equals("but", StringComparison.OrdinalIgnoreCase)
            || tokens[p].Pos == Upos.SCONJ;
    }

    private bool IsTitleWord(Document doc, int t)
    {
        var w = Tok(doc, t);
        return w.Length > 0 && lexicon.RoleLookup.TryGetValue(w, out var c) && (c & LexiconCategory.Title) != 0 && (char.IsUpper(w[0]));
    }

    /// <summary>A capitalized title modifier ("Foreign", "Defence") followed, inside the span, by a title word ("Foreign Minister Helena Duarte").</summary>
    private bool IsModifierOfTitle(Document doc, int t, int end)
    {
        var w = Tok(doc, t);
        if (w.Length == 0 || !char.IsUpper(w[0]) || !lexicon.RoleLookup.TryGetValue(w, out var c) || (c & LexiconCategory.TitleModifier) == 0) return false;
        for (int k = t + 1; k < end - 1; k++)
        {
            if (IsTitleWord(doc, k)) return true;
            var x = Tok(doc, k);
            if (!lexicon.RoleLookup.TryGetValue(x, out var cx) || (cx & LexiconCategory.TitleModifier) == 0) return false;
        }
        return false;
    }

    private bool IsHonorific(Document doc, int t, out string? gender) => lexicon.HonorificLookup.TryGetValue(Tok(doc, t), out gender);

    private bool IsDemonym(Document doc, int a, int b, out string? iso)
    {
        iso = null;
        var s = Slice(doc, a, b);
        return s.Length > 0 && char.IsUpper(s[0]) && lexicon.DemonymLookup.TryGetValue(s, out iso);
    }

    private string? Country(Document doc, int a, int b)
    {
        var s = Slice(doc, a, b);
        if (s.Length == 0 || !char.IsUpper(s[0])) return null;
        // Two-letter codes (US, UK) only as written in capitals.
        if (s.Length <= 3 && !IsAllUpper(s) ) return null;
        return lexicon.CountryLookup.TryGetValue(s, out var iso) ? iso : null;
    }

    /// <summary>A mention written in capitals (an all-caps line), e.g. "FRANCOIS HOLLANDE"; acronyms count too.</summary>
    private static bool UpperWords(Document doc, int a, int b)
    {
        var s = Slice(doc, a, b);
        int letters = 0;
        foreach (char c in s) if (char.IsLetter(c)) letters++;
        return letters > 1 && IsAllUpper(s);
    }

    private static bool IsPossessive(ReadOnlySpan<char> s) => s is "'s" or "’s" or "'S" or "’S" or "'" or "’";

    private static bool IsAllUpper(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (char.IsLower(c)) return false;
        return true;
    }

    private static ReadOnlySpan<char> Tok(Document doc, int t)
    {
        ref readonly var d = ref doc.Tokens[t];
        return doc.Text.AsSpan(d.Start, d.Length);
    }

    private static ReadOnlySpan<char> Slice(Document doc, int a, int b)
    {
        var tokens = doc.Tokens;
        return doc.Text.AsSpan(tokens[a].Start, tokens[b - 1].End - tokens[a].Start);
    }

    private static int TokenAt(Span<TokenData> tokens, int offset)
    {
        int lo = 0, hi = tokens.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (offset < tokens[mid].Start) hi = mid - 1;
            else if (offset >= tokens[mid].End) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    private static bool Covered(List<M> ms, int t)
    {
        foreach (var m in ms) if (m.A <= t && t < m.B) return true;
        return false;
    }

    private static bool Overlaps(List<M> ms, int a, int b)
    {
        foreach (var m in ms) if (m.A < b && a < m.B) return true;
        return false;
    }

    private static M? Find(List<M> ms, int t)
    {
        foreach (var m in ms) if (m.A <= t && t < m.B) return m;
        return null;
    }

    private static bool InRole(List<RoleMention> roles, int offset)
    {
        foreach (var r in roles) if (r.Start <= offset && offset < r.End) return true;
        return false;
    }

    private string NameText(Document doc, M m)
    {
        int a = m.A;
        if (m.B - a > 1 && Tok(doc, a).Equals("the", StringComparison.OrdinalIgnoreCase)) a++;
        return Slice(doc, a, m.B).ToString();
    }

    /// <summary>Name words of a person mention: honorifics dropped, folded.</summary>
    private List<string> NameParts(Document doc, M m)
    {
        var parts = new List<string>();
        for (int t = m.A; t < m.B; t++)
        {
            if (IsHonorific(doc, t, out _)) continue;
            var w = Tok(doc, t);
            if (w is "-" or "." or ",") continue;
            parts.Add(Fold(w.ToString()));
        }
        return parts;
    }

    /// <summary>Same person when the last names agree and every other aligned word is equal or an initial of it.</summary>
    private static bool CompatibleNames(List<string> a, List<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return false;
        if (a.Count == 1 || b.Count == 1)
        {
            var single = a.Count == 1 ? a[0] : b[0];
            var full = a.Count == 1 ? b : a;
            return full[^1] == single || (full.Count > 1 && full[0] == single && full.Count == 1);
        }
        if (a[^1] != b[^1]) return false;
        for (int i = 2; i <= Math.Min(a.Count, b.Count); i++)
        {
            string x = a[^i].TrimEnd('.'), y = b[^i].TrimEnd('.');
            if (x == y) continue;
            if (x.Length == 1 && y.StartsWith(x, StringComparison.Ordinal) || y.Length == 1 && x.StartsWith(y, StringComparison.Ordinal)) continue;
            return false;
        }
        return true;
    }

    private string Initials(Document doc, M m)
    {
        var sb = new StringBuilder();
        for (int t = m.A; t < m.B; t++)
        {
            var w = Tok(doc, t);
            if (w.Length > 0 && char.IsUpper(w[0]) && !NonNames.Contains(w.ToString())) sb.Append(w[0]);
        }
        return sb.ToString();
    }

    private string BestName(Document doc, List<M> named)
    {
        M best = named[0];
        foreach (var m in named)
        {
            int len = NameLength(doc, m), bestLen = NameLength(doc, best);
            if ((!m.Caps && best.Caps) || (m.Caps == best.Caps && len > bestLen)) best = m;
        }
        int a = best.A;
        while (a < best.B - 1 && (IsHonorific(doc, a, out _) || Tok(doc, a).Equals("the", StringComparison.OrdinalIgnoreCase))) a++;
        int b = best.B;
        if (b - a > 1 && MemberNouns.Contains(Tok(doc, b - 1).ToString())) b--;
        return Slice(doc, a, b).ToString();
    }

    private int NameLength(Document doc, M m)
    {
        int n = 0;
        for (int t = m.A; t < m.B; t++) if (!IsHonorific(doc, t, out _) && !MemberNouns.Contains(Tok(doc, t).ToString())) n++;
        return n;
    }

    private static string TitleCase(string s)
    {
        var chars = s.ToCharArray();
        bool start = true;
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = start ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
            start = !char.IsLetter(chars[i]);
        }
        return new string(chars);
    }

    /// <summary>Lower-cased with Latin-1 accents removed, so "FRANÇOIS" and "Francois" compare equal.</summary>
    public static string Fold(string s)
    {
        const string map = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (c >= '\u00C0' && c <= '\u00FF') c = map[c - '\u00C0'];
            chars[i] = char.ToLowerInvariant(c);
        }
        return new string(chars);
    }
}
