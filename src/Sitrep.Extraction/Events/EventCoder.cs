using System.Globalization;

namespace Sitrep.Extraction.Events;

/// <summary>
/// Codes CAMEO/PLOVER events over the dependency parse (docs/events.md): each verb or event noun of the lexicon with its
/// source (subject, passive agent, possessor, "by" phrase, subject of a light verb) and target (object or the role's
/// preposition, the place of a physical action), expanded over coordination, relative clauses and control; modality from
/// auxiliaries, conditionals, governing verbs, quotes and future dates; place, date and casualty figures from the sentence;
/// mentions of the same event in one article merged under <see cref="EventDedupKey"/>.
/// </summary>
public sealed class EventCoder(EventLexicon lexicon, ActorTable actors, EventOntology ontology, EventCoderOptions? options = null) : IStage
{
    private readonly EventCoderOptions _options = options ?? EventCoderOptions.Default;

    public string Name => "events";
    public IReadOnlyList<string> Requires { get; } = [Layers.Tokens, Layers.Sentences, Layers.Dependencies, Layers.Entities, Layers.Quotes, Layers.Times, Layers.Casualties];
    public IReadOnlyList<string> Produces { get; } = [Layers.Events];

    public EventLexicon Lexicon => _lexicon;
    public EventOntology Ontology => _ontology;

    private static readonly HashSet<string> s_objectControl = new(StringComparer.OrdinalIgnoreCase)
        { "urge", "ask", "call", "help", "force", "order", "allow", "persuade", "press", "invite", "encourage", "tell", "push", "compel", "let", "implore", "warn" };

    public void Process(Document doc)
    {
        if (doc.TokenCount == 0) return;
        var run = new Run(this, doc);
        run.Code();
    }

    internal readonly record struct Candidate(string Code, ActorRef Source, ActorRef Target, int Trigger, int TriggerEnd, int Sentence, Modality Modality, bool Negated, string? Quote, int PredicateToken);

    /// <summary>Per-document state: built for one call, never shared.</summary>
    private sealed class Run
    {
        private readonly EventCoder _coder;
        private readonly Document _doc;
        private readonly DependencyView _view;
        private readonly ActorResolver _resolver;
        private readonly EventModality _modality;
        private readonly EventSetting _setting;
        private readonly List<Candidate> _found = [];
        private readonly List<int> _left = [], _right = [];
        private readonly string? _publishedDay;
        private readonly Entity? _dateline;
        private ActorRef? _antecedent;
        private int _sentence;
        private string? _sentenceCountry;
        private readonly List<(int Offset, string Country)> _toponyms = [];

        /// <summary>The country of the toponym nearest to a described actor ("protesters … from Baghdad"), else the sentence's fallback.</summary>
        private string? NearestCountry(int token)
        {
            int at = _doc.Tokens[token].Start, best = int.MaxValue;
            string? country = null;
            foreach (var (offset, iso) in _toponyms)
                if (Math.Abs(offset - at) < best) { best = Math.Abs(offset - at); country = iso; }
            return country ?? _sentenceCountry;
        }

        public Run(EventCoder coder, Document doc)
        {
            _coder = coder;
            _doc = doc;
            _view = new DependencyView(doc);
            var published = doc.Metadata.Published;
            _publishedDay = published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            _resolver = new ActorResolver(coder._actors, _view, published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null);
            _modality = new EventModality(_view, coder._lexicon);
            if (doc.Metadata.DatelineSpan is { } ds)
            {
                int t = _view.TokenAt(ds.Start);
                if (t < doc.TokenCount) _dateline = _view.EntityOf(t);
            }
            _setting = new EventSetting(_view, _dateline, _publishedDay);
        }

        public void Code()
        {
            var sentences = _doc.Sentences;
            for (_sentence = 0; _sentence < sentences.Count; _sentence++)
            {
                var s = sentences[_sentence];
                _sentenceCountry = SentenceCountry(s);
                _toponyms.Clear();
                foreach (var e in _doc.Entities)
                    if (e.Type is EntityType.GPE or EntityType.LOC && _coder._actors.CountryOf(e) is { } iso)
                        foreach (var m in e.Mentions)
                            if (m.Start >= s.Start && m.End <= s.End) _toponyms.Add((m.Start, iso));
                for (int t = s.TokenStart; t < s.TokenEnd; t++)
                {
                    var pos = _view.Pos(t);
                    if (pos == Upos.VERB) CodeVerb(t);
                    else if (pos is Upos.NOUN or Upos.PROPN) CodeNoun(t);
                }
                UpdateAntecedent(s);
            }
            Emit();
        }

        // ---- verbs ----

        private void CodeVerb(int v)
        {
            var rows = _coder._lexicon.Verbs.TryGetValue(_view.Lemma(v), out var r) ? r : null;
            if (rows is null) return;
            var row = Pick(rows, v, noun: false);
            if (row?.Code is null) return;
            string code = row.Code;
            if (InBackground(v)) return;
            bool passive = IsPassive(v);
            int subj = passive ? Agent(v) : Subject(v, 0);
            if (passive && subj < 0 && _view.Child(v, "nsubj:pass") is var ps && ps >= 0)
            {
                // "A trade deal between Kenya and the UAE was signed": the pair acts on each other.
                if ((row.Flags & PredicateFlags.Recip) != 0 && _view.PrepChild(ps, "between") is var pb && pb >= 0)
                {
                    Reciprocal(code, v, pb);
                    return;
                }
                // "Police were deployed at key buildings": the force that takes up a posture is its source (15x).
                if (code.StartsWith("15", StringComparison.Ordinal))
                {
                    AddEvents(code, row.Flags, v, ps, CauseActor(v), false, -1);
                    return;
                }
            }
            // A passive agent that is a weapon placed by someone ("a roadside bomb planted by Boko Haram") hands over to its own agent.
            if (passive && subj >= 0 && _view.EntityOf(subj) is null && SectorOnly(subj) is false)
                foreach (var c in _view.Children(subj))
                    if (_view.Rel(c) == "acl" && Agent(c) is var a && a >= 0)
                    {
                        // "killed by a roadside bomb planted by X": the weapon names the kind of attack (1833).
                        if (code.StartsWith("19", StringComparison.Ordinal) && WeaponCode(subj) is { } weapon) code = weapon;
                        subj = a;
                        break;
                    }
            int target = -1;
            bool placeTarget = false;
            foreach (var role in row.TargetRoles)
            {
                target = RoleToken(v, role, passive, noun: false, out placeTarget);
                if (target >= 0 && IsActor(target)) break;
                if (role != row.TargetRoles[^1]) target = -1;
            }
            // "threatened to strike US carriers", "began deporting refugees": the complement's object.
            if (target < 0 && row.TargetRoles.Count > 0) target = RoleToken(v, "xobj", passive, noun: false, out placeTarget);
            // "threatened to impose sanctions on Mali's junta", "threatened to close its border with Poland": the target of the complement.
            if ((target < 0 || !IsActor(target)) && row.TargetRoles.Count > 0 && _view.Child(v, "xcomp") is var xc && xc >= 0 && _view.Pos(xc) == Upos.VERB
                && ComplementTarget(xc) is var ct && ct >= 0) target = ct;
            // "denied that it had bombed a village": a denial's target is the alleged victim, the content clause's object.
            if (target < 0 && (row.Flags & PredicateFlags.Negative) != 0 && _view.Child(v, "ccomp") is var dc && dc >= 0) target = _view.Child(dc, "obj");
            int floor = -1;
            if (target < 0 && row.TargetRoles.Contains("obj") && IsMisattachedFinite(v)) { target = _view.Head(v); floor = v + 1; }
            // "demanded that NATO deliver more air defence": the addressee is the content clause's subject.
            if (target < 0 && (row.Flags & PredicateFlags.Irrealis) != 0 && _view.Child(v, "ccomp") is var cc && cc >= 0) target = _view.Child(cc, "nsubj");
            // "put its army on high alert after North Korea launched a satellite": a force posture is aimed at its cause.
            if (code.StartsWith("15", StringComparison.Ordinal) && (target < 0 || !IsActor(target))) target = CauseActor(v) is var cause && cause >= 0 ? cause : BorderActor(v);
            // "received a loan from the UAE": the giver is the source, the receiver the target.
            if ((row.Flags & PredicateFlags.Converse) != 0)
            {
                if (target < 0) return;
                (subj, target) = (target, subj);
            }
            code = Refine(code, subj, v);
            AddEvents(code, row.Flags, v, subj, target, placeTarget, Poss(v, row), floor);
            // "The Kenyan President was received in Beijing by the Chinese Premier": a hosted guest has visited the host (042).
            if (code == "043" && target >= 0 && subj >= 0 && _view.Pos(target) != Upos.PRON && _resolver.Resolve(target, ActorRole.Source, false, null, false) is not null)
                AddEvents("042", PredicateFlags.None, v, target, subj, true, -1);
        }

        /// <summary>
        /// A relative clause describing a parenthetical subject is background, not news ("The junta, which seized power in
        /// 2021, criticised …", "The Wagner Group, a force that has fought in Libya, sent …"; docs/annotation-events.md §3).
        /// </summary>
        private bool InBackground(int p)
        {
            int cur = p;
            for (int step = 0; step < 6 && cur >= 0; step++)
            {
                string rel = _view.Rel(cur);
                int h = _view.Head(cur);
                if (h < 0) return false;
                if (rel == "acl:relcl")
                {
                    string hr = _view.Rel(h);
                    bool subject = hr is "nsubj" or "nsubj:pass";
                    if (hr == "appos" && _view.Head(h) is var hh && hh >= 0 && _view.Rel(hh) is "nsubj" or "nsubj:pass") return true;
                    if (!subject) return false;
                    // Set off by a comma or bracket between the noun and the clause.
                    int first = cur;
                    foreach (var c in _view.Children(cur)) if (c < first && _view.Pos(c) != Upos.PUNCT) first = c;
                    for (int t = h + 1; t < first; t++) if (_view.Text(t) is "," or "(") return true;
                    return false;
                }
                if (rel is not ("conj" or "xcomp" or "ccomp" or "obj" or "obl" or "nmod" or "advcl")) return false;
                cur = h;
            }
            return false;
        }

        private static readonly HashSet<string> s_borders = new(StringComparer.OrdinalIgnoreCase) { "border", "frontier", "boundary" };

        /// <summary>The neighbour a force posture along a border faces: "along the frontier with Bangladesh", "along the Syrian border".</summary>
        private int BorderActor(int v)
        {
            foreach (var c in _view.Children(v))
            {
                if (!_view.Rel(c).StartsWith("obl", StringComparison.Ordinal) || !s_borders.Contains(_view.Lemma(c))) continue;
                if (_view.PrepChild(c, "with") is var w && w >= 0 && IsActor(w)) return w;
                foreach (var m in _view.Children(c))
                    if (_view.Rel(m) is "amod" or "compound" && IsActor(m)) return m;
                // The parser may hang "with Bangladesh" on the verb beside the border phrase.
                if (_view.PrepChild(v, "with") is var vw && vw > c && IsActor(vw)) return vw;
            }
            return -1;
        }

        private static readonly HashSet<string> s_causeMarks = new(StringComparer.OrdinalIgnoreCase) { "after", "as", "when", "following", "amid", "because", "since", "ahead", "against" };

        /// <summary>The actor a force posture answers: the subject of an "after/as/when" clause or an actor in an "after/amid/against" phrase.</summary>
        private int CauseActor(int v)
        {
            foreach (var c in _view.Children(v))
            {
                string rel = _view.Rel(c);
                if (_view.CaseOf(c) is not { } mark || !s_causeMarks.Contains(mark)) continue;
                if (rel == "advcl" && _view.Pos(c) == Upos.VERB && _view.Child(c, "nsubj") is var s && s >= 0 && IsActor(s)) return s;
                if (rel.StartsWith("obl", StringComparison.Ordinal) && IsActor(c)) return c;
            }
            return -1;
        }

        private static readonly string[] s_complementPreps = ["on", "against", "with", "to", "from", "into"];

        /// <summary>The actor a complement verb acts on: its own lexicon roles, else its object or an actor in a directional phrase.</summary>
        private int ComplementTarget(int x)
        {
            if (_coder._lexicon.Verbs.TryGetValue(_view.Lemma(x), out var rows) && Pick(rows, x, noun: false) is { } row)
                foreach (var role in row.TargetRoles)
                    if (RoleToken(x, role, IsPassive(x), noun: false, out _) is var t && t >= 0 && IsActor(t)) return t;
            if (_view.Child(x, "obj") is var o && o >= 0 && IsActor(o)) return o;
            foreach (var prep in s_complementPreps)
                if (_view.PrepChild(x, prep) is var pt && pt >= 0 && IsActor(pt)) return pt;
            return -1;
        }

        private static readonly HashSet<string> s_air = new(StringComparer.OrdinalIgnoreCase) { "aircraft", "warplane", "jet", "drone", "helicopter", "bomber", "plane", "missile", "rocket", "airstrike" };
        private static readonly HashSet<string> s_artillery = new(StringComparer.OrdinalIgnoreCase) { "artillery", "tank", "howitzer", "mortar", "gunboat" };

        /// <summary>
        /// A generic attack by aircraft or artillery is the specific CAMEO code of that weapon (195, 194), also when the weapon
        /// is the instrument ("destroyed three hideouts with airstrikes"); a killing by a suicide bomber is a suicide bombing (1831).
        /// </summary>
        private string Refine(string code, int subj, int v)
        {
            if (code is not ("190" or "1712")) return code;
            if (subj >= 0)
            {
                string lemma = _view.Lemma(subj);
                if (code == "190" && lemma.Equals("bomber", StringComparison.OrdinalIgnoreCase))
                    foreach (var c in _view.Children(subj))
                        if (_view.Rel(c) is "compound" or "amod" && _view.Lemma(c).Equals("suicide", StringComparison.OrdinalIgnoreCase)) return "1831";
                if (s_air.Contains(lemma)) return "195";
                if (s_artillery.Contains(lemma)) return "194";
            }
            // The instrument may hang from the object: "destroyed two depots with airstrikes".
            int instrument = _view.PrepChild(v, "with");
            if (instrument < 0 && _view.Child(v, "obj") is var io && io >= 0) instrument = _view.PrepChild(io, "with");
            if (instrument >= 0)
            {
                string w = _view.Lemma(instrument);
                if (s_air.Contains(w) || w.Equals("strike", StringComparison.OrdinalIgnoreCase) && HasAirModifier(instrument)) return "195";
                if (s_artillery.Contains(w) || w.Equals("shell", StringComparison.OrdinalIgnoreCase)) return "194";
            }
            return code;
        }

        private bool HasAirModifier(int n)
        {
            foreach (var c in _view.Children(n))
                if (_view.Rel(c) is "compound" or "amod" && (s_air.Contains(_view.Lemma(c)) || _view.Lemma(c).Equals("air", StringComparison.OrdinalIgnoreCase))) return true;
            return false;
        }

        private int Poss(int v, PredicateEntry row) => row.TargetRoles.Contains("poss") && _view.Child(v, "obj") is var o && o >= 0 ? o : -1;

        /// <summary>The 18x code of a bomb-like noun ("roadside bomb", "car bomb"), from the noun rows of the lexicon.</summary>
        private string? WeaponCode(int n)
        {
            foreach (var c in _view.Children(n))
                if (_view.Rel(c) is "compound" or "amod" && _coder._lexicon.NounRows(_view.Lemma(c).ToLowerInvariant() + " " + _view.Lemma(n).ToLowerInvariant()) is { } rows
                    && rows[0].Code is { } code && code.StartsWith("18", StringComparison.Ordinal)) return code;
            return null;
        }

        private bool IsPassive(int v) =>
            _view.Child(v, "nsubj:pass") >= 0 || _view.Child(v, "aux:pass") >= 0
            || (_view.Rel(v) == "acl" && _doc.Tokens[v].Tag == "VBN" && _view.Child(v, "obj") < 0 && !IsMainVerbUnderNoun(v));

        /// <summary>
        /// A past verb modifying a noun that is the root of its sentence, with no by-agent: the parser's reading of
        /// "The EU envoy called on Serbia to …" as a noun phrase; the verb is the main one and its noun the subject.
        /// </summary>
        private bool IsMainVerbUnderNoun(int v)
        {
            int h = _view.Head(v);
            return _view.Rel(v) == "acl" && h >= 0 && h < v && _view.Head(h) < 0 && _view.Pos(h) is Upos.NOUN or Upos.PROPN
                && _doc.Tokens[v].Tag is "VBD" or "VBN" && Agent(v) < 0;
        }

        /// <summary>The by-agent of a passive.</summary>
        private int Agent(int v)
        {
            int a = _view.Child(v, "obl:agent");
            return a >= 0 ? a : _view.PrepChild(v, "by");
        }

        /// <summary>The subject of a verb, inherited through control, coordination and relative clauses.</summary>
        private int Subject(int v, int depth)
        {
            int s = -1;
            foreach (var c in _view.Children(v))
                if (_view.Rel(c) is "nsubj" or "nsubj:outer" or "csubj") { s = c; break; }
            string rel = _view.Rel(v);
            if (s >= 0)
            {
                if (IsRelativePronoun(s) && rel == "acl:relcl") return _view.Head(v);
                return s;
            }
            int h = _view.Head(v);
            if (h < 0 || depth > 4) return -1;
            switch (rel)
            {
                case "acl:relcl": return h;
                // "Turkish drones struck PKK positions" parsed as a reduced relative: a past-tense (not participle) verb is the main verb.
                // Likewise "The EU envoy called on Serbia to …" parsed as a noun with a participle: a noun as the sentence's root
                // has no verb of its own, so the modifying verb is the main one.
                case "acl" when _doc.Tokens[v].Tag is "VBD" or "VBN" && (_view.Child(v, "obj") >= 0 || IsMainVerbUnderNoun(v)): return h;
                // "Amnesty International accused Burkina Faso's army": a finite verb the parser made a modifier of its own
                // object; the subject is the phrase just before it.
                case "amod" or "compound" when IsMisattachedFinite(v): return LeftPhrase(v);
                case "xcomp":
                    if (s_objectControl.Contains(_view.Lemma(h)) && Object(h) is var o && o >= 0) return o;
                    return _view.Pos(h) is Upos.VERB or Upos.ADJ ? (IsPassive(h) ? _view.Child(h, "nsubj:pass") : Subject(h, depth + 1)) : -1;
                case "conj":
                    // Only a real coordination ("stormed and burned", "stormed, looted"): a participle the parser made a
                    // conjunct ("the memorial for soldiers killed fighting al-Shabaab") has its own subject.
                    return _view.Pos(h) == Upos.VERB && !IsPassive(h) && IsCoordinated(v) ? Subject(h, depth + 1) : -1;
                case "advcl":
                    // A past verb right after a noun is a reduced relative the parser hung on the clause ("a memorial for
                    // soldiers killed fighting insurgents"), not an adverbial clause sharing the subject.
                    if (_view.CaseOf(v) is null && _doc.Tokens[v].Tag is "VBD" or "VBN" && v > 0 && _view.Pos(v - 1) is Upos.NOUN or Upos.PROPN) return -1;
                    return _view.CaseOf(v) is null or "after" or "before" or "while" or "by" ? Subject(h, depth + 1) : -1;
                default: return -1;
            }
        }

        private bool IsCoordinated(int v)
        {
            if (_view.Child(v, "cc") >= 0) return true;
            for (int t = v - 1; t > _view.Head(v) && t >= v - 3; t--)
                if (_view.Text(t) is "," or ";") return true;
            return false;
        }

        /// <summary>A past or present-tense verb hanging as a modifier of a noun to its right: the parser's reading of "X accused Y" as one noun phrase.</summary>
        private bool IsMisattachedFinite(int v)
        {
            if (_view.Rel(v) is not ("amod" or "compound") || _view.Head(v) <= v) return false;
            if (_doc.Tokens[v].Tag is "VBD" or "VBZ" or "VBP") return true;
            // A participle tag is the tagger hedging on "-ed": after a name or noun ("Amnesty International accused …") it
            // is the main verb; after a determiner or number ("six suspected jihadists") it is an adjective.
            int left = v - 1;
            return _doc.Tokens[v].Tag == "VBN" && left >= _doc.Sentences[_sentence].TokenStart
                && (_view.Pos(left) is Upos.NOUN or Upos.PROPN || _view.EntityOf(left) is not null);
        }

        /// <summary>The head of the noun phrase ending just before <paramref name="v"/>, climbing while heads stay left of it in the sentence.</summary>
        private int LeftPhrase(int v)
        {
            int start = _doc.Sentences[_sentence].TokenStart, t = v - 1;
            if (t < start || _view.Pos(t) is not (Upos.NOUN or Upos.PROPN or Upos.ADJ or Upos.PRON)) return -1;
            for (int step = 0; step < 4; step++)
            {
                int h = _view.Head(t);
                if (h < start || h >= v || _view.Rel(t) is not ("compound" or "flat" or "amod" or "conj" or "nmod:poss")) break;
                t = h;
            }
            return t;
        }

        /// <summary>
        /// The direct object; when there is none, a lone indirect object: the parser sometimes labels the only object of
        /// an object-control verb <c>iobj</c> ("urged African Union troops to increase …").
        /// </summary>
        private int Object(int v)
        {
            int o = _view.Child(v, "obj");
            return o >= 0 ? o : _view.Child(v, "iobj");
        }

        private bool IsRelativePronoun(int t) =>
            _view.Pos(t) is Upos.PRON or Upos.DET && _view.Lemma(t).ToLowerInvariant() is "which" or "who" or "that" or "whom";

        /// <summary>The token that fills a target role; <paramref name="place"/> tells that it is a location, coded as a bare country.</summary>
        private int RoleToken(int p, string role, bool passive, bool noun, out bool place)
        {
            place = false;
            switch (role)
            {
                case "obj":
                    if (noun) return -1;
                    return passive ? _view.Child(p, "nsubj:pass") is var sp && sp >= 0 ? sp : _view.Rel(p) == "acl" ? _view.Head(p) : -1 : Object(p);
                case "iobj": return _view.Child(p, "iobj");
                case "xobj":
                    int x = _view.Child(p, "xcomp");
                    return x < 0 ? -1 : _view.Child(x, "obj");
                case "poss": return -1;
                case "place":
                    place = true;
                    return PlaceToken(p, noun ? 2 : 0);
                default:
                    int direct = _view.PrepChild(p, role);
                    if (direct >= 0 || noun) return direct;
                    if (AdjacentParticle(p, role) is var adjacent && adjacent >= 0) return adjacent;
                    // "spoke by telephone with his counterpart": the role's phrase under an oblique.
                    foreach (var c in _view.Children(p))
                        if ((_view.Rel(c).StartsWith("obl", StringComparison.Ordinal) || _view.Rel(c) == "xcomp") && _view.PrepChild(c, role) is var under && under >= 0) return under;
                    // "promised $500 million in aid to Syria": the role's phrase may hang from the object.
                    int obj = _view.Child(p, "obj");
                    for (int depth = 0; obj >= 0 && depth < 2; depth++)
                    {
                        int deep = _view.PrepChild(obj, role);
                        if (deep >= 0) return deep;
                        int next = -1;
                        foreach (var c in _view.Children(obj))
                        {
                            if (_view.Rel(c) == "conj" && _view.PrepChild(c, role) is var cd && cd >= 0) return cd;
                            if (next < 0 && _view.Rel(c) == "nmod") next = c;
                        }
                        obj = next;
                    }
                    return -1;
            }
        }

        /// <summary>A place named in a locative phrase of the predicate; for event nouns also one nested in their modifiers ("defence of the approaches to Mosul").</summary>
        private int PlaceToken(int p, int depth)
        {
            foreach (var c in _view.Children(p))
            {
                var rel = _view.Rel(c);
                if (!(rel.StartsWith("obl", StringComparison.Ordinal) || rel == "nmod")) continue;
                var cs = _view.CaseOf(c);
                if (cs is not null && (EventSetting.LocativeCases.Contains(cs) || depth > 0 && cs is "to" or "of" or "for") && _view.EntityOf(c) is { Type: EntityType.GPE or EntityType.LOC }) return c;
                if (depth > 0 && cs is not "by" and not "from" && PlaceToken(c, depth - 1) is var deeper && deeper >= 0) return deeper;
            }
            return -1;
        }

        // ---- nouns ----

        private void CodeNoun(int n)
        {
            // Multi-word nouns first ("air strike", "car bomb"), then the head lemma.
            PredicateEntry[]? rows = null;
            int modifier = -1;
            foreach (var c in _view.Children(n))
            {
                if (_view.Rel(c) is not ("compound" or "amod")) continue;
                if (_coder._lexicon.NounRows(_view.Lemma(c).ToLowerInvariant() + " " + _view.Lemma(n).ToLowerInvariant()) is { } mw) { rows = mw; modifier = c; break; }
            }
            if (rows is null && !_coder._lexicon.Nouns.TryGetValue(_view.Lemma(n), out rows)) return;
            // A noun that names an actor or a place is not an event ("Defence Force"), nor one inside a proper name.
            if (_view.Pos(n) == Upos.PROPN || _view.EntityOf(n) is not null) return;
            var row = Pick(rows, n, noun: true);
            if (row?.Code is null || InBackground(n)) return;

            int source = _view.PrepChild(n, "by");
            if (source < 0) source = _view.Child(n, "nmod:poss");
            if (source < 0)
                foreach (var c in _view.Children(n))
                    if (c != modifier && _view.Rel(c) is "compound" or "amod" && (_view.EntityOf(c) is not null || _coder._actors.Country(_view.Text(c)) is not null)) { source = c; break; }
            // "claimed responsibility for a raid on a border post": the claimant carried it out.
            if (source < 0 && _view.CaseOf(n) == "for" && _view.Head(n) is var resp && resp >= 0 && _view.Lemma(resp).ToLowerInvariant() is "responsibility" or "credit"
                && _view.Head(resp) is var claim && claim >= 0 && _view.Pos(claim) == Upos.VERB && _view.Lemma(claim).ToLowerInvariant() is "claim" or "admit" or "accept")
                source = Subject(claim, 0);
            if (source < 0)
            {
                // "launched an attack on", "held talks with": the light verb's subject.
                int at = n, h = _view.Head(n);
                // "held a second round of talks": climb from "talks" to "round".
                if (h >= 0 && _view.Rel(n) == "nmod" && _view.CaseOf(n) == "of" && _view.Pos(h) == Upos.NOUN) { at = h; h = _view.Head(h); }
                if (h >= 0 && _view.Rel(at) is "obj" or "nsubj:pass" && _view.Pos(h) == Upos.VERB && IsLight(h))
                    source = IsPassive(h) ? Agent(h) : Subject(h, 0);
            }
            int target = -1;
            bool placeTarget = false;
            foreach (var role in row.TargetRoles)
            {
                if (role == "between")
                {
                    int b = Between(n);
                    if (b < 0) continue;
                    // "Qatar's mediation between Israel and Hamas": with a source, the pair are its targets; else they act on each other.
                    if (source >= 0) { target = b; break; }
                    Reciprocal(row.Code, n, b);
                    return;
                }
                if (role == "poss") continue;
                target = RoleToken(n, role, passive: false, noun: true, out placeTarget);
                if (target >= 0 && IsActor(target)) break;
                target = -1;
            }
            if (target < 0 && Between(n) is var bt && bt >= 0 && (row.Flags & PredicateFlags.Recip) != 0)
            {
                Reciprocal(row.Code, n, bt);
                return;
            }
            // "condemned the arrest of a Georgian opposition leader": arrests are made by the state where they happen.
            if (source < 0 && row.Code == "173" && target >= 0 && ArrestingState(n, target) is { } state)
            {
                AddEvents(row.Code, row.Flags, n, -1, target, placeTarget, -1, implied: new ActorRef(state + "GOV", null));
                return;
            }
            AddEvents(row.Code, row.Flags, n, source, target, placeTarget, -1);
        }

        /// <summary>The country of an arrest: a place in the noun's own phrase, else the country of the arrested.</summary>
        private string? ArrestingState(int n, int target)
        {
            int place = PlaceToken(n, 2);
            if (place >= 0 && _view.EntityOf(place) is { } pe && _coder._actors.CountryOf(pe) is { } pc) return pc;
            var arrested = Actor(target, ActorRole.Target, true, false);
            return arrested is { Code: { Length: >= 3 } code } && !ActorTable.IsGroupCode(code) ? code[..3] : null;
        }

        /// <summary>The "between" phrase of an event noun, also when the parser hung it elsewhere ("clashes between X and Y broke out").</summary>
        private int Between(int n)
        {
            int b = _view.PrepChild(n, "between");
            return b >= 0 ? b : AdjacentParticle(n, "between");
        }

        private bool IsLight(int v)
        {
            if (!_coder._lexicon.Verbs.TryGetValue(_view.Lemma(v), out var rows)) return false;
            foreach (var r in rows) if ((r.Flags & PredicateFlags.Light) != 0 || r.Code is not null && _view.Lemma(v) is "hold") return true;
            return false;
        }

        /// <summary>"talks between A and B", "clashes between A and B": every ordered pair of the coordinated actors.</summary>
        private void Reciprocal(string code, int trigger, int first)
        {
            int root = int.Parse(code.AsSpan(0, 2), CultureInfo.InvariantCulture);
            bool military = root is 15 or 18 or 19 or 20;
            _left.Clear();
            _view.Conjuncts(first, _left);
            var actors = new List<ActorRef>();
            foreach (var t in _left.ToArray()) Actors(t, ActorRole.Source, false, military, actors, owner: false);
            foreach (var a in actors)
                foreach (var b in actors)
                    if (a.Code != b.Code) Add(code, trigger, a, b);
        }

        // ---- choosing a row ----

        /// <summary>
        /// The most specific row whose particle and arguments are present; among rows as specific, the first whose target
        /// role is filled by an actor ("struck PKK positions" is an attack, not the labour strike listed before it).
        /// </summary>
        private PredicateEntry? Pick(PredicateEntry[] rows, int p, bool noun)
        {
            PredicateEntry? first = null;
            foreach (var row in rows)
            {
                if (first is not null && row.Specificity < first.Specificity) break;
                if (row.Particle is { } particle && !HasParticle(p, particle)) continue;
                if (row.Arguments is { } args && !HasArgument(p, args, noun)) continue;
                if (first is null) first = row;
                if (row.TargetRoles.Count == 0 || HasTarget(p, row, noun)) return row;
            }
            return first;
        }

        private bool HasTarget(int p, PredicateEntry row, bool noun)
        {
            bool passive = !noun && IsPassive(p);
            foreach (var role in row.TargetRoles)
            {
                if (role is "poss" or "between") return true;
                int t = RoleToken(p, role, passive, noun, out _);
                if (t >= 0 && IsActor(t)) return true;
            }
            return false;
        }

        private bool HasParticle(int p, string particle)
        {
            if (AdjacentParticle(p, particle) >= 0) return true;
            // "handed over two suspects": the particle right after the verb, whatever tag the tagger gave it.
            if (p + 1 < _doc.Sentences[_sentence].TokenEnd && _view.Head(p + 1) == p && _view.Lemma(p + 1).Equals(particle, StringComparison.OrdinalIgnoreCase)
                && _view.Rel(p + 1) is "advmod" or "compound:prt" or "compound") return true;
            foreach (var c in _view.Children(p))
            {
                var rel = _view.Rel(c);
                if (rel == "compound:prt" && _view.Lemma(c).Equals(particle, StringComparison.OrdinalIgnoreCase)) return true;
                if ((rel.StartsWith("obl", StringComparison.Ordinal) || rel.StartsWith("nmod", StringComparison.Ordinal) || rel == "advcl" || rel == "xcomp")
                    && _view.CaseOf(c) is { } cs && cs.Equals(particle, StringComparison.OrdinalIgnoreCase) && !IsTime(c)) return true;
            }
            return false;
        }

        /// <summary>A token inside a time expression: "called a meeting for Friday" is no call for anything.</summary>
        private bool IsTime(int token)
        {
            int start = _doc.Tokens[token].Start;
            foreach (var t in _doc.Times) if (t.Start <= start && start < t.End) return true;
            return false;
        }

        /// <summary>
        /// The nominal introduced by the preposition right after the verb ("called on Saudi Arabia to …", "appealed to
        /// donors"), whatever the parser attached it to; -1 when the next word is not that preposition.
        /// </summary>
        private int AdjacentParticle(int p, string particle)
        {
            int t = p + 1;
            if (t >= _doc.Sentences[_sentence].TokenEnd || _view.Pos(t) != Upos.ADP || !_view.Lemma(t).Equals(particle, StringComparison.OrdinalIgnoreCase)) return -1;
            int h = _view.Head(t);
            return _view.Rel(t) == "case" && h > t && h < _doc.Sentences[_sentence].TokenEnd ? h : -1;
        }

        private bool HasArgument(int p, IReadOnlySet<string> args, bool noun)
        {
            foreach (var c in _view.Children(p))
            {
                var rel = _view.Rel(c);
                bool arg = noun
                    ? rel is "amod" or "compound" || rel.StartsWith("nmod", StringComparison.Ordinal)
                    : rel is "obj" or "iobj" or "xcomp" or "ccomp" or "advcl" or "nsubj:pass" || rel.StartsWith("obl", StringComparison.Ordinal);
                if (!arg) continue;
                if (args.Contains(_view.Lemma(c)) || args.Contains(_view.Text(c).ToString())) return true;
                foreach (var g in _view.Children(c))
                    if (_view.Rel(g) is "obj" or "compound" or "amod" or "nmod" or "xcomp" or "obl" && args.Contains(_view.Lemma(g))) return true;
            }
            return false;
        }

        // ---- events ----

        private void AddEvents(string code, PredicateFlags flags, int trigger, int source, int target, bool placeTarget, int possessed, int targetFloor = -1, ActorRef? implied = null)
        {
            if (source < 0 && implied is null) return;
            int root = int.Parse(code.AsSpan(0, 2), CultureInfo.InvariantCulture);
            bool physical = root is 15 or 17 or 18 or 19 or 20 || code.StartsWith("07", StringComparison.Ordinal) || code == "042";
            bool military = root is 15 or 18 or 19 or 20;
            var sources = new List<ActorRef>();
            if (implied is { } imp) sources.Add(imp);
            else
            {
                _left.Clear();
                _view.Conjuncts(source, _left);
                // "Spain, Ireland and Norway recognised": a parser may attach every conjunct as a subject.
                int h = _view.Head(source);
                if (h == trigger && _view.Rel(source) == "nsubj")
                    foreach (var c in _view.Children(h))
                        if (c != source && _view.Rel(c) == "nsubj" && !_left.Contains(c)) _view.Conjuncts(c, _left);
                foreach (var t in _left.ToArray()) Actors(t, ActorRole.Source, physical, military, sources, owner: false);
            }
            if (sources.Count == 0) return;
            if (target < 0 && possessed >= 0) target = possessed;
            var targets = new List<ActorRef>();
            if (target >= 0)
            {
                _right.Clear();
                _view.Conjuncts(target, _right);
                _resolver.Floor = targetFloor;
                foreach (var t in _right.ToArray()) Actors(t, ActorRole.Target, physical || placeTarget, false, targets, owner: possessed >= 0 && target == possessed);
                _resolver.Floor = -1;
            }
            // "told reporters": talking to the press is how a statement is made, not an interaction with the press.
            if ((flags & PredicateFlags.Speech) != 0) targets.RemoveAll(t => t.Code.Length == 6 && t.Code.EndsWith("MED", StringComparison.Ordinal));
            // "protesters blocked the main avenue": a protest with no named target is aimed at its country's government.
            if (targets.Count == 0 && root == 14)
                foreach (var a in sources)
                    if (a.Code.Length == 6 && s_nonState.Contains(a.Code[3..]) && !ActorTable.IsGroupCode(a.Code)) targets.Add(new ActorRef(a.Code[..3] + "GOV", null));
            if (targets.Count == 0)
            {
                if ((flags & PredicateFlags.Recip) != 0 && sources.Count > 1)
                    foreach (var a in sources)
                        foreach (var b in sources)
                            if (a.Code != b.Code) Add(code, trigger, a, b);
                return;
            }
            foreach (var a in sources)
                foreach (var b in targets)
                {
                    Add(code, trigger, a, b);
                    // "fought ISIS" is mutual; "fought in Libya" names where, not who fought back.
                    if ((flags & PredicateFlags.Mutual) != 0 && !placeTarget) Add(code, trigger, b, a);
                }
        }

        private static readonly HashSet<string> s_nonState = new(StringComparer.Ordinal) { "CVL", "OPP", "LAB", "EDU", "BUS", "HLH", "REL", "REF", "HRI" };

        private void Add(string code, int trigger, ActorRef src, ActorRef tgt)
        {
            src = Normalize(src);
            tgt = Normalize(tgt);
            if (tgt.Code == src.Code) return;
            // Beating, torturing and killing by hand happen to people, not to states ("Morocco beat Portugal 1-0").
            if (code is "182" or "1822" or "1823" && tgt.Code.Length == 3) return;
            var (modality, negated) = _modality.Of(trigger);
            string? quote = QuoteAt(_doc.Tokens[trigger].Start);
            if (quote is not null && modality == Modality.Asserted) modality = Modality.Reported;
            _found.Add(new Candidate(code, src, tgt, _doc.Tokens[trigger].Start, _doc.Tokens[trigger].End, _sentence, modality, negated, quote, trigger));
            // An actor announcing its own future action ("the WFP said it would deliver food", "we will cut relations") has
            // stated an intention: the matching 03x event is asserted (docs/annotation-events.md §2 rule 2).
            if (modality == Modality.Future && !negated && (IntentOf(code) ?? (code.StartsWith("03", StringComparison.Ordinal) ? code : null)) is { } intent && AnnouncedBy(trigger, src))
                _found.Add(new Candidate(intent, src, tgt, _doc.Tokens[trigger].Start, _doc.Tokens[trigger].End, _sentence, quote is null ? Modality.Asserted : Modality.Reported, false, quote, trigger));
            // "If the blockade continues, we will cut all relations with Doha": a hostile act announced on a condition is a threat (13x).
            else if (modality is Modality.Future or Modality.Hypothetical && !negated && ThreatOf(code) is { } threat && Conditional(trigger) && AnnouncedBy(trigger, src))
                _found.Add(new Candidate(threat, src, tgt, _doc.Tokens[trigger].Start, _doc.Tokens[trigger].End, _sentence, quote is null ? Modality.Asserted : Modality.Reported, false, quote, trigger));
        }

        /// <summary>The CAMEO "express intent" code of an action code, when CAMEO has one.</summary>
        private static string? IntentOf(string code) => code switch
        {
            "071" => "0331", "072" => "0332", "073" => "0333", "074" => "0334",
            _ when code.StartsWith("07", StringComparison.Ordinal) => "033",
            "061" => "0311", "062" => "0312", "063" => "0313", "064" => "0314",
            _ when code.StartsWith("06", StringComparison.Ordinal) => "031",
            _ when code.StartsWith("05", StringComparison.Ordinal) => "032",
            _ when code.StartsWith("04", StringComparison.Ordinal) => "036",
            "0841" or "0842" or "084" => "0353", "085" => "0354", "0871" or "087" or "0874" => "0356",
            _ => null,
        };

        /// <summary>The CAMEO "threaten" code of a hostile action code.</summary>
        private static string? ThreatOf(string code) => code switch
        {
            "161" => "1313", "162" or "1621" or "1622" => "1311", "163" => "1312", "164" => "134", "165" => "135", "166" or "1661" or "1662" or "1663" => "136",
            "172" => "132", "1721" => "1321", "1723" => "1323", "1724" => "1324",
            _ when code.StartsWith("16", StringComparison.Ordinal) => "131",
            _ when code.StartsWith("17", StringComparison.Ordinal) => "137",
            "191" => "1381", "192" => "1382",
            _ when code.StartsWith("18", StringComparison.Ordinal) || code.StartsWith("19", StringComparison.Ordinal) => "1384",
            _ when code.StartsWith("20", StringComparison.Ordinal) => "1383",
            _ => null,
        };

        /// <summary>Whether the predicate or a clause it hangs from carries an "if"/"unless" condition.</summary>
        private bool Conditional(int p)
        {
            int cur = p;
            for (int step = 0; step < 4 && cur >= 0; step++)
            {
                if (_modality.HasCondition(cur)) return true;
                if (_view.Rel(cur) is not ("conj" or "xcomp")) break;
                cur = _view.Head(cur);
            }
            return false;
        }

        /// <summary>Whether the future event is announced by its own source: the speaker of its quote or of the speech verb above it.</summary>
        private bool AnnouncedBy(int trigger, ActorRef source)
        {
            if (SpeakerActor(_doc.Tokens[trigger].Start, 0) is { } sa && sa.Code == source.Code) return true;
            int cur = trigger;
            for (int step = 0; step < 4; step++)
            {
                // "The President will travel to Kyiv, his office announced": the reporting clause hangs below the content.
                foreach (var c in _view.Children(cur))
                    if (_view.Rel(c) == "parataxis" && _view.Pos(c) == Upos.VERB && IsSpeechVerb(c) && _view.Child(c, "nsubj") is var said && said >= 0)
                        return IsOwnVoice(said, source);
                int h = _view.Head(cur);
                if (h < 0) break;
                if (_view.Rel(cur) is "ccomp" or "parataxis" && _view.Pos(h) == Upos.VERB && _coder._lexicon.Verbs.TryGetValue(_view.Lemma(h), out var rows) && rows.Any(r => (r.Flags & PredicateFlags.Speech) != 0))
                {
                    int subj = _view.Child(h, "nsubj");
                    return subj >= 0 && IsOwnVoice(subj, source);
                }
                if (_view.Rel(cur) is not ("conj" or "xcomp")) break;
                cur = h;
            }
            return false;
        }

        private bool IsSpeechVerb(int v) =>
            _coder._lexicon.Verbs.TryGetValue(_view.Lemma(v), out var rows) && rows.Any(r => (r.Flags & PredicateFlags.Speech) != 0);

        /// <summary>Whether a speaker phrase is the source itself or its own office or spokesman ("his office", "its spokesman").</summary>
        private bool IsOwnVoice(int speaker, ActorRef source)
        {
            int poss = _view.Child(speaker, "nmod:poss");
            if (poss >= 0 && _view.Pos(poss) == Upos.PRON && _view.Lemma(poss).ToLowerInvariant() is "his" or "her" or "its" or "their") return true;
            var list = new List<ActorRef>();
            Actors(speaker, ActorRole.Source, false, false, list, owner: false);
            return list.Exists(a => a.Code == source.Code || a.Code.Length >= 3 && source.Code.Length >= 3 && !ActorTable.IsGroupCode(a.Code) && a.Code[..3] == source.Code[..3] && a.Code.EndsWith("GOV", StringComparison.Ordinal));
        }

        /// <summary>Kosovo is XKX in CAMEO practice; the country table's user-assigned UNK is mapped to it.</summary>
        private static ActorRef Normalize(ActorRef a) => a.Code.StartsWith("UNK", StringComparison.Ordinal) ? a with { Code = "XKX" + a.Code[3..] } : a;

        /// <summary>The actors of one phrase head (pronouns resolved; a non-actor head falls back to its possessor, "Iraq's role").</summary>
        private void Actors(int token, ActorRole role, bool physical, bool military, List<ActorRef> into, bool owner, int depth = 0)
        {
            if (token < 0) return;
            if (_view.Pos(token) == Upos.PRON)
            {
                string lemma = _view.Lemma(token).ToLowerInvariant();
                if (IsRelativePronoun(token) && !(lemma is "which" or "that")) return;
                if (lemma is "we" or "i" or "us" or "our" or "my" && QuoteAt(_doc.Tokens[token].Start) is not null)
                {
                    if (SpeakerActor(_doc.Tokens[token].Start, depth) is { } sa) into.Add(sa);
                    return;
                }
                if (lemma is "which" or "that" && depth < 2 && _view.Head(token) is var hv && hv >= 0 && _view.Rel(hv) is "parataxis" or "conj" or "advcl"
                    && _view.Head(hv) is var hh && hh >= 0 && _view.Child(hh, "obj") is var ho && ho >= 0)
                {
                    // ", which has held up Iraqi troops" hanging off the clause: the previous clause's object.
                    Actors(ho, role, physical, military, into, owner, depth + 1);
                    return;
                }
                if (lemma is not ("he" or "she" or "it" or "they" or "them" or "its" or "their" or "his" or "her" or "him")) return;
                if (_view.Rel(token) == "nmod:poss" && depth < 3 && BindingSubject(token) is var bs && bs >= 0)
                {
                    // "ISIS fighters kept up their defence": a possessive refers to its clause's subject.
                    int b0 = into.Count;
                    Actors(bs, role, physical, military, into, owner, depth + 1);
                    if (into.Count > b0) return;
                }
                // "The ministry said it had moved troops": the subject of a content clause is the speaker's.
                int v = _view.Head(token);
                if (v >= 0 && _view.Rel(token) is "nsubj" or "nsubj:pass" && _view.Rel(v) == "ccomp" && _view.Head(v) is var say && say >= 0
                    && _view.Child(say, "nsubj") is var speaker2 && speaker2 >= 0 && _view.Pos(speaker2) != Upos.PRON && depth < 2)
                {
                    int before2 = into.Count;
                    Actors(speaker2, role, physical, military, into, owner, depth + 1);
                    if (into.Count > before2) return;
                }
                if (_antecedent is { } ante) into.Add(ante);
                return;
            }
            int before = into.Count;
            string? fallback = _coder._options.CountryFromPlace ? NearestCountry(token) : null;
            // "'Our forces destroyed …,' a coalition spokesman said": a first-person possessor in a quote is its speaker.
            if (_view.Child(token, "nmod:poss") is var own && own >= 0 && _view.Pos(own) == Upos.PRON && _view.Lemma(own).ToLowerInvariant() is "we" or "our" or "i" or "my"
                && QuoteAt(_doc.Tokens[own].Start) is not null && SpeakerActor(_doc.Tokens[own].Start, depth) is { } speakerActor)
            {
                if (ActorTable.IsGroupCode(speakerActor.Code) || speakerActor.Code.Length < 3) { into.Add(speakerActor); return; }
                fallback = speakerActor.Code[..3];
            }
            _resolver.ResolveAll(token, role, physical, fallback, military, into);
            // An act named by an event noun stands for its author before its patient: "condemned the deportation of
            // children by Russian officials", "declined to recognise the Russian annexation of Crimea", "a ban on rallies
            // by the opposition".
            if (into.Count == before && depth < 3 && _view.Pos(token) == Upos.NOUN && IsEventNoun(token))
                AuthorOf(token, role, physical, military, into, owner, depth);
            if (into.Count == before && depth < 3)
            {
                // Not an actor itself: its possessor ("Iraq's role"), what it counts or belongs to ("thousands of refugees",
                // "the passage of a US warship") or who made it ("the proposal put forward by Egyptian mediators").
                int next = _view.Child(token, "nmod:poss");
                // "closed its border with Poland": a pronoun possessor is the source itself; look further.
                if (next >= 0 && _view.Pos(next) == Upos.PRON && role == ActorRole.Target) next = -1;
                if (next < 0)
                    foreach (var c in _view.Children(token))
                    {
                        // "a camp for displaced people": the people a place or thing serves; "an invitation to talks with Armenia": what it leads to.
                        if (_view.Rel(c) == "nmod" && _view.CaseOf(c) is "of" or "with" or "on" or "against" or "from" or "for" or "to") { next = c; break; }
                        if (_view.Rel(c) == "acl" && IsPassive(c) && Agent(c) is var ag && ag >= 0) { next = ag; break; }
                    }
                if (next >= 0 && next != token) Actors(next, role, physical, military, into, owner, depth + 1);
                // "an opposition demand", "a Hamas proposal": a modifier that is itself an actor is the one behind the act.
                if (into.Count == before && _view.Pos(token) == Upos.NOUN)
                    foreach (var c in _view.Children(token))
                        if (c < token && _view.Rel(c) == "compound" && _view.Pos(c) is Upos.NOUN or Upos.PROPN)
                        {
                            _resolver.ResolveAll(c, role, physical, _coder._options.CountryFromPlace ? NearestCountry(c) : null, military, into);
                            if (into.Count > before) break;
                        }
                // "Iraqi accusations", "the Russian annexation", "a French request": the state behind an act.
                if (into.Count == before && _view.Pos(token) == Upos.NOUN)
                    foreach (var c in _view.Children(token))
                        if (_view.Rel(c) is "amod" or "compound" && (_view.EntityOf(c) is { Type: EntityType.NORP or EntityType.GPE, Country: { } ec } ? ec : _coder._actors.Country(_view.Text(c))) is { } iso)
                        {
                            into.Add(new ActorRef(ActorResolver.StateCode(iso, role, physical, military), _view.EntityOf(c)?.Id));
                            break;
                        }
            }
            if (owner)
                for (int i = before; i < into.Count; i++)
                    if (into[i].Code.Length == 3) into[i] = into[i] with { Code = into[i].Code + "CVL" };
        }

        private bool IsEventNoun(int n)
        {
            if (_coder._lexicon.Nouns.TryGetValue(_view.Lemma(n), out var rows)) return rows.Any(r => r.Code is not null);
            foreach (var c in _view.Children(n))
                if (_view.Rel(c) is "compound" or "amod" && _coder._lexicon.NounRows(_view.Lemma(c).ToLowerInvariant() + " " + _view.Lemma(n).ToLowerInvariant()) is not null) return true;
            return false;
        }

        /// <summary>The author of an act: its by-agent, a possessor that is not a pronoun, or an actor or nationality modifier (each coordinated one).</summary>
        private void AuthorOf(int n, ActorRole role, bool physical, bool military, List<ActorRef> into, bool owner, int depth)
        {
            int before = into.Count;
            int by = _view.PrepChild(n, "by");
            // "welcomed the release of the hostages by Hamas" with the by-phrase attached to the active verb: an active
            // verb has no agent phrase of its own, so one after its act-noun object is the act's author.
            if (by < 0 && _view.Rel(n) == "obj" && _view.Head(n) is var v && v >= 0 && !IsPassive(v)
                && _view.PrepChild(v, "by") is var vb && vb > n && _view.Rel(vb).StartsWith("obl", StringComparison.Ordinal)) by = vb;
            if (by >= 0) Actors(by, role, physical, military, into, owner, depth + 1);
            if (into.Count > before) return;
            int poss = _view.Child(n, "nmod:poss");
            if (poss >= 0 && _view.Pos(poss) != Upos.PRON) Actors(poss, role, physical, military, into, owner, depth + 1);
            if (into.Count > before) return;
            foreach (var c in _view.Children(n))
            {
                if (c > n || _view.Rel(c) is not ("amod" or "compound")) continue;
                _resolver.ResolveAll(c, role, physical, _coder._options.CountryFromPlace ? NearestCountry(c) : null, military, into);
                if (into.Count > before) return;
                if (ModifierState(c) is not { } iso) continue;
                into.Add(new ActorRef(ActorResolver.StateCode(iso, role, physical, military), _view.EntityOf(c)?.Id));
                // "Saudi and American mediation": one author per coordinated nationality.
                foreach (var cj in _view.Children(c))
                    if (_view.Rel(cj) == "conj" && ModifierState(cj) is { } iso2 && into.TrueForAll(a => a.Code[..Math.Min(3, a.Code.Length)] != iso2))
                        into.Add(new ActorRef(ActorResolver.StateCode(iso2, role, physical, military), _view.EntityOf(cj)?.Id));
                return;
            }
        }

        private string? ModifierState(int c) =>
            _view.EntityOf(c) is { Type: EntityType.NORP or EntityType.GPE, Country: { } ec } ? ec : _coder._actors.Country(_view.Text(c));

        /// <summary>The subject of the clause a possessive pronoun sits in (through the nouns above it), if it is not the pronoun's own phrase.</summary>
        private int BindingSubject(int pronoun)
        {
            int cur = _view.Head(pronoun);
            for (int step = 0; cur >= 0 && step < 4; step++)
            {
                if (_view.Pos(cur) == Upos.VERB)
                {
                    int subj = _view.Child(cur, "nsubj");
                    return subj >= 0 && _view.Pos(subj) != Upos.PRON ? subj : -1;
                }
                if (_view.Rel(cur) is "nsubj" or "nsubj:pass") return -1;
                cur = _view.Head(cur);
            }
            return -1;
        }

        private ActorRef? Actor(int token, ActorRole role, bool physical, bool military)
        {
            var list = new List<ActorRef>(1);
            Actors(token, role, physical, military, list, owner: false);
            return list.Count > 0 ? list[0] : null;
        }

        private bool IsActor(int token) => Actor(token, ActorRole.Target, true, false) is not null;

        private bool SectorOnly(int token) => _resolver.Resolve(token, ActorRole.Source, false, null, false) is not null;

        private string? QuoteAt(int offset)
        {
            Quote? best = null;
            foreach (var q in _doc.Quotes)
                if (offset >= q.Start && offset < q.End && (best is null || q.End - q.Start < best.End - best.Start)) best = q;
            return best?.Id;
        }

        /// <summary>
        /// The actor speaking a quote at <paramref name="offset"/>: its speaker entity, else the subject of its cue verb in the
        /// sentence ("'We will cut all ties,' a Saudi official said").
        /// </summary>
        private ActorRef? SpeakerActor(int offset, int depth)
        {
            if (SpeakerAt(offset) is { } speaker) return _resolver.EntityActor(speaker) is { } sa ? new ActorRef(sa, speaker.Id) : null;
            if (depth > 2) return null;
            Quote? quote = null;
            foreach (var q in _doc.Quotes)
                if (offset >= q.Start && offset < q.End && (quote is null || q.End - q.Start < quote.End - quote.Start)) quote = q;
            if (quote?.Cue is not { Length: > 0 } cue) return null;
            var s = _doc.Sentences[_sentence];
            for (int t = s.TokenStart; t < s.TokenEnd; t++)
            {
                if (_doc.Tokens[t].Start >= quote.Start && _doc.Tokens[t].Start < quote.End) continue;
                if (_view.Pos(t) != Upos.VERB || !_view.Text(t).Equals(cue, StringComparison.OrdinalIgnoreCase)) continue;
                int subj = _view.Child(t, "nsubj");
                if (subj < 0 || _view.Pos(subj) == Upos.PRON) return null;
                var list = new List<ActorRef>(1);
                Actors(subj, ActorRole.Source, false, false, list, owner: false, depth + 1);
                return list.Count > 0 ? list[0] : null;
            }
            return null;
        }

        private Entity? SpeakerAt(int offset)
        {
            foreach (var q in _doc.Quotes)
                if (offset >= q.Start && offset < q.End && q.Speaker is { } id)
                    return _doc.Entities.Find(e => e.Id == id);
            return null;
        }

        // ---- context: antecedents, place, date ----

        private void UpdateAntecedent(Sentence s)
        {
            for (int t = s.TokenStart; t < s.TokenEnd; t++)
            {
                if (_view.Head(t) >= 0 || _view.Pos(t) != Upos.VERB && _view.Pos(t) != Upos.NOUN && _view.Pos(t) != Upos.ADJ) continue;
                int subj = _view.Child(t, "nsubj");
                if (subj < 0) subj = _view.Child(t, "nsubj:pass");
                // "X said ...": the speaker is the subject, but the clause's own subject is the likelier referent of "it/they".
                int ccomp = _view.Child(t, "ccomp");
                if (ccomp >= 0 && _view.Lemma(t) is "say" or "tell" && _view.Child(ccomp, "nsubj") is var inner && inner >= 0 && _view.Pos(inner) != Upos.PRON) subj = inner;
                if (subj >= 0 && _view.Pos(subj) != Upos.PRON && Actor(subj, ActorRole.Source, false, false) is { } a) _antecedent = a;
                break;
            }
        }

        private string? SentenceCountry(Sentence s)
        {
            string? nationality = null, actor = null;
            foreach (var e in _doc.Entities)
            {
                // A state-bound group or a person with a country ("Boko Haram" → NGA) is the last resort.
                string? placeCountry = _coder._actors.CountryOf(e);
                string? country = placeCountry ?? (e.Actor is { Length: >= 3 } a && !ActorTable.IsGroupCode(a) ? a[..3] : null);
                if (country is null) continue;
                foreach (var m in e.Mentions)
                {
                    if (m.Start < s.Start || m.End > s.End) continue;
                    if (e.Type is EntityType.GPE or EntityType.LOC && placeCountry is not null) return placeCountry;
                    if (e.Type == EntityType.NORP) nationality ??= country;
                    else actor ??= country;
                }
            }
            if (_setting.PlaceBefore(_sentence) is { } before && _coder._actors.CountryOf(before) is { } beforeCountry) return beforeCountry;
            return _dateline?.Country ?? nationality ?? actor;
        }

        // ---- output ----

        private void Emit()
        {
            var opts = _coder._options;
            var byKey = new Dictionary<EventDedupKey, int>();
            var events = _doc.Events;
            int n = events.Count;
            foreach (var c in _found)
            {
                string? date = _setting.DateOf(c);
                var modality = c.Modality;
                // A narrated event dated after the article is not asserted; a statement of intent (03x) about it is.
                if (modality is Modality.Asserted or Modality.Reported && !c.Code.StartsWith("03", StringComparison.Ordinal) && date is { Length: >= 4 } && _publishedDay is not null && EventSetting.IsAfter(date, _publishedDay)) modality = Modality.Future;
                string? place = _setting.PlaceOf(c);
                var (fatalities, injured) = _setting.Casualties(c, _found);
                var trigger = new EventTrigger(c.Trigger, c.TriggerEnd, _doc.Text[c.Trigger..c.TriggerEnd]);
                var e = new Event
                {
                    Id = "ev" + (n + 1).ToString(CultureInfo.InvariantCulture),
                    Cameo = c.Code,
                    Plover = _coder._ontology.PloverOf(c.Code),
                    Source = c.Source.Entity,
                    Target = c.Target.Entity,
                    SourceActor = c.Source.Code,
                    TargetActor = c.Target.Code,
                    Date = date,
                    Place = place,
                    Fatalities = fatalities,
                    Injured = injured,
                    Sentence = c.Sentence,
                    Trigger = trigger,
                    Negated = c.Negated,
                    Modality = modality,
                    Quote = c.Quote,
                    Mentions = [trigger],
                };
                if (opts.Dedup != DedupLevel.None)
                {
                    var key = EventDedupKey.Of(e, opts.Dedup, opts.DedupByPlace);
                    if (byKey.TryGetValue(key, out int at))
                    {
                        var kept = events[at];
                        if (!kept.Mentions.Contains(trigger)) kept.Mentions.Add(trigger);
                        if ((kept.Fatalities is null && e.Fatalities is not null) || (kept.Injured is null && e.Injured is not null))
                            events[at] = kept with { Fatalities = kept.Fatalities ?? e.Fatalities, Injured = kept.Injured ?? e.Injured };
                        continue;
                    }
                    byKey[key] = events.Count;
                }
                if (opts.RequireBothActors && (e.SourceActor is null || e.TargetActor is null)) continue;
                events.Add(e);
                n++;
            }
        }

    }

    private readonly EventLexicon _lexicon = lexicon;
    private readonly ActorTable _actors = actors;
    private readonly EventOntology _ontology = ontology;

    /// <summary>The shipped lexicon, actor tables and ontology (data/events, data/ontology), optionally extended with a PETRARCH dictionary folder.</summary>
    public static EventCoder Load(string? dictionaries = null, EventCoderOptions? options = null)
    {
        var ontology = EventOntology.Load();
        var dir = ActorTable.ResolveDirectory();
        var lexicon = EventLexicon.Load(Path.Combine(dir, EventLexicon.FileName), ontology);
        return new EventCoder(lexicon, ActorTable.Load(dir, dictionaries), ontology, options);
    }
}
