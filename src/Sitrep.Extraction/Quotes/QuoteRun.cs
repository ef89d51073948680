namespace Sitrep.Extraction.Quotes;

/// <summary>The quote finder's work on one document: quote marks, cues, speakers, repeats. Not shared between threads.</summary>
internal sealed class QuoteRun
{
    private readonly Document _doc;
    private readonly string _text;
    private readonly QuoteLexicon _lex;
    private readonly TokenData[] _tokens;
    private readonly int[] _sentenceOf;
    /// <summary>Per token: inside the content of a quote mark pair (0), or not (-1)… the index of the quote.</summary>
    private readonly int[] _quoteOf;
    private readonly bool[] _inIndirect;
    private readonly List<(int Start, int End, int Entity)> _mentions = [];
    private readonly List<FoundQuote> _quotes = [];
    /// <summary>Proper-name runs the recognizer missed, grouped by last word; they become entities only when they speak.</summary>
    private readonly List<NameCluster> _names = [];
    private readonly int[] _nameOf;
    private readonly HashSet<int> _usedCues = [];

    private sealed class NameCluster(string key, EntityType type)
    {
        public string Key { get; } = key;
        public EntityType Type { get; } = type;
        public List<(int A, int B)> Spans { get; } = [];
        public string? Id;
    }

    public QuoteRun(Document doc, QuoteLexicon lexicon)
    {
        _doc = doc;
        _text = doc.Text;
        _lex = lexicon;
        _tokens = doc.Tokens.ToArray();
        _sentenceOf = new int[_tokens.Length];
        Array.Fill(_sentenceOf, -1);
        for (int s = 0; s < doc.Sentences.Count; s++)
            for (int t = doc.Sentences[s].TokenStart; t < doc.Sentences[s].TokenEnd; t++) _sentenceOf[t] = s;
        _quoteOf = new int[_tokens.Length];
        Array.Fill(_quoteOf, -1);
        _inIndirect = new bool[_tokens.Length];
        _nameOf = new int[_tokens.Length];
        Array.Fill(_nameOf, -1);
        IndexMentions();
        FindNames();
    }

    /// <summary>Runs of two or more capitalised proper nouns not covered by an entity or a role, and later uses of their last word.</summary>
    private void FindNames()
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < _doc.Sentences.Count; s++)
        {
            var sent = _doc.Sentences[s];
            int first = _tokens[sent.TokenStart].Start;
            if (InRegion(first, RegionKind.Headline) || InRegion(first, RegionKind.Byline) || InRegion(first, RegionKind.PullQuoteAttribution)) continue;
            for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
            {
                if (!IsNameWord(t)) continue;
                int b = t + 1, words = 1, last = t;
                while (b < sent.TokenEnd)
                {
                    if (IsNameWord(b)) { words++; last = b; b++; continue; }
                    if (Word(b) is "-" && b + 1 < sent.TokenEnd && IsNameWord(b + 1) || IsNameParticle(b) && b + 1 < sent.TokenEnd && (IsNameWord(b + 1) || Word(b + 1) is "-")) { b++; continue; }
                    break;
                }
                b = last + 1;
                if (words >= 2)
                {
                    string key = Word(last).ToString();
                    if (!byKey.TryGetValue(key, out int c))
                    {
                        bool org = false;
                        for (int k = t; k < b; k++) org |= _lex.IsOrgNoun(Word(k));
                        c = _names.Count;
                        byKey[key] = c;
                        _names.Add(new NameCluster(_text[_tokens[t].Start.._tokens[last].End], org ? EntityType.ORG : EntityType.PERSON));
                    }
                    _names[c].Spans.Add((t, b));
                    for (int k = t; k < b; k++) _nameOf[k] = c;
                }
                t = b - 1;
            }
        }
        if (_names.Count == 0) return;
        for (int t = 0; t < _tokens.Length; t++)
        {
            if (_nameOf[t] >= 0 || !IsNameWord(t) || t + 1 < _tokens.Length && IsNameWord(t + 1)) continue;
            if (byKey.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(Word(t), out int c) && _names[c].Type == EntityType.PERSON)
            {
                _names[c].Spans.Add((t, t + 1));
                _nameOf[t] = c;
            }
        }
        foreach (var n in _names) n.Spans.Sort((x, y) => x.A.CompareTo(y.A));
    }

    private bool IsNameWord(int t)
    {
        var w = Word(t);
        bool prefixed = w.Length > 3 && (w.StartsWith("al-", StringComparison.Ordinal) || w.StartsWith("el-", StringComparison.Ordinal)) && char.IsUpper(w[3]);
        if (w.Length < 2 || !char.IsUpper(w[0]) && !prefixed || _quoteOf[t] >= 0) return false;
        if (Pos(t) != Upos.PROPN && (IsSentenceStart(t) || Pos(t) is not (Upos.NOUN or Upos.ADJ or Upos.X))) return false;
        bool lower = false;
        foreach (char c in w) lower |= char.IsLower(c);
        return lower && MentionAt(_tokens[t].Start, _tokens[t].End) is null && FindRole(_tokens[t].Start) is null;
    }

    private bool IsSentenceStart(int t) => _sentenceOf[t] >= 0 && _doc.Sentences[_sentenceOf[t]].TokenStart == t;

    /// <summary>A name cluster for one noun phrase found as a cue's subject ("Khaled Merhebi", "the regional administration").</summary>
    private int AdHocName(int a, int b, EntityType type)
    {
        if (_nameOf[a] >= 0) return _nameOf[a];
        var n = new NameCluster(_text[_tokens[a].Start.._tokens[b - 1].End], type);
        n.Spans.Add((a, b));
        _names.Add(n);
        if (type == EntityType.PERSON && b - a >= 2)
        {
            var last = Word(b - 1);
            for (int t = 0; t < _tokens.Length; t++)
                if (t != b - 1 && _nameOf[t] < 0 && Word(t).SequenceEqual(last) && MentionAt(_tokens[t].Start, _tokens[t].End) is null && (t < a || t >= b))
                {
                    n.Spans.Add((t, t + 1));
                    _nameOf[t] = _names.Count - 1;
                }
            n.Spans.Sort((x, y) => x.A.CompareTo(y.A));
        }
        for (int k = a; k < b; k++) _nameOf[k] = _names.Count - 1;
        return _names.Count - 1;
    }

    private bool IsNameParticle(int t) => Word(t) is "al" or "el" or "bin" or "ibn" or "de" or "da" or "van" or "von" or "di" or "du" or "le" or "la";

    /// <summary>A name run chosen as a speaker becomes an entity of the document, with every mention of its cluster.</summary>
    private QuoteSource Commit(QuoteSource src)
    {
        if (src.Name < 0 || src.Entity is not null) return src;
        var id = CommitName(src.Name);
        return src with { Entity = id, Name = -1 };
    }

    private string CommitName(int cluster)
    {
        var n = _names[cluster];
        if (n.Id is { } existing) return existing;
        int max = 0;
        foreach (var e in _doc.Entities)
            if (e.Id.Length > 1 && e.Id[0] == 'e' && int.TryParse(e.Id.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v) && v > max) max = v;
        n.Id = "e" + (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entity = new Entity { Id = n.Id, Type = n.Type, Name = n.Key };
        foreach (var (a, b) in n.Spans) entity.Mentions.Add(new Mention(_tokens[a].Start, _tokens[b - 1].End, _text[_tokens[a].Start.._tokens[b - 1].End]));
        _doc.Entities.Add(entity);
        IndexMentions();
        return n.Id;
    }

    private void IndexMentions()
    {
        _mentions.Clear();
        for (int e = 0; e < _doc.Entities.Count; e++)
            foreach (var m in _doc.Entities[e].Mentions) _mentions.Add((m.Start, m.End, e));
        _mentions.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.End.CompareTo(y.End));
    }

    public List<FoundQuote> Find()
    {
        FindMarkedQuotes();
        // Indirect speech first: the sources it names ("Olha Bondar, 68, said…") are the antecedents of later "she said".
        FindIndirect();
        foreach (var q in _quotes) if (q.Kind == QuoteKind.Direct) AttributeDirect(q);
        foreach (var q in _quotes) if (q.Kind == QuoteKind.Partial) AttributePartial(q);
        ContinueAttribution();
        MergeRepeats();
        var result = new List<FoundQuote>(_quotes.Count);
        foreach (var q in _quotes) if (q.Start >= 0) result.Add(q);
        foreach (var q in result) if (q.Occurrences.Count == 0) q.Occurrences.Add(new TextSpan(q.Start, q.End));
        return result;
    }

    // ---------------------------------------------------------------- quote marks

    private void FindMarkedQuotes()
    {
        var spans = new List<QuotedSpan>();
        QuoteMarks.Find(_text, spans);
        FoundQuote? previous = null;
        foreach (var s in spans)
        {
            var q = new FoundQuote { Start = s.Start, End = s.End, Open = s.Open, Close = s.Close };
            q.Kind = IsDirect(s, previous) ? QuoteKind.Direct : QuoteKind.Partial;
            int index = _quotes.Count;
            _quotes.Add(q);
            for (int t = TokenAtOrAfter(s.Open + 1); t < _tokens.Length && _tokens[t].Start < s.Close; t++) _quoteOf[t] = index;
            previous = q;
        }
    }

    /// <summary>
    /// A quote that starts its paragraph or sentence, follows a colon, or follows a comma and starts with a capital
    /// (or continues an interrupted quote) is direct; a fragment inside a sentence is partial.
    /// </summary>
    private bool IsDirect(QuotedSpan s, FoundQuote? previous)
    {
        int k = s.Open - 1;
        while (k >= 0 && _text[k] is ' ' or '\t') k--;
        if (k < 0 || _text[k] is '\n' or '\r') return true;
        char pre = _text[k];
        if (pre is '.' or '!' or '?' or ':' or '”' or '"' or '—') return true;
        if (pre != ',') return false;
        if (char.IsUpper(_text[s.Start])) return true;
        // "…," said Mr Carter, "and…": the second part of an interrupted quote.
        if (previous is { Kind: QuoteKind.Direct } && !HasParagraphBreak(previous.Close, s.Open))
        {
            for (int t = TokenAtOrAfter(previous.Close + 1); t < _tokens.Length && _tokens[t].Start < s.Open; t++)
                if (_lex.TryCue(Word(t), out _, out var use) && (use & CueUse.Direct) != 0) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- direct quotes

    private void AttributeDirect(FoundQuote q)
    {
        int close = TokenAt(q.Close);
        int open = TokenAt(q.Open);
        if (close < 0 || open < 0) return;
        // After the quote: `"…," said X`, `"…," X said`, `"…," he said`.
        for (int k = close + 1; k < _tokens.Length && k <= close + 9; k++)
        {
            if (HasParagraphBreak(_tokens[k - 1].End, _tokens[k].Start) || IsQuoteMark(k)) break;
            var w = Word(k);
            if (w is "." or ";" or ":" or "!" or "?") break;
            if (!_lex.TryCue(w, out _, out var use) || (use & CueUse.Direct) == 0 || IsNounUse(k)) continue;
            int from = close + 1;
            while (from < k && Word(from) is ",") from++;
            var src = from == k ? SubjectAfter(k) : FirstCandidate(from, k, out _);
            if (src.Found) { Attribute(q, src, k); return; }
        }
        // Before the quote: `X said: "…"`, `He added, "…"`, `said Mr Carter, "…"` (second part of an interrupted quote).
        int p = open - 1;
        if (p >= 0 && Word(p) is "," or ":") p--;
        for (int k = p; k >= 0 && k >= p - 10; k--)
        {
            if (IsQuoteMark(k) || Word(k) is "." or ";" or "!" or "?" || HasParagraphBreak(_tokens[k].End, _tokens[k + 1].Start)) break;
            if (!_lex.TryCue(Word(k), out _, out var use) || (use & CueUse.Direct) == 0 || IsNounUse(k)) continue;
            var src = SubjectBefore(k, out _);
            if (!src.Found) src = SubjectAfter(k);
            if (src.Found) { Attribute(q, src, k); return; }
        }
        // `X put it simply: "…"`: the first source of the sentence before the colon.
        if (open > 0 && Word(open - 1) is ":" && _sentenceOf[open - 1] >= 0)
        {
            var sent = _doc.Sentences[_sentenceOf[open - 1]];
            var src = FirstCandidate(sent.TokenStart, open - 1, out _);
            if (src.Found) { q.Source = Commit(src); q.Attributed = true; }
        }
    }

    private void Attribute(FoundQuote q, QuoteSource src, int cue)
    {
        _usedCues.Add(cue);
        q.Source = Commit(src);
        q.Attributed = true;
        q.Cue = Word(cue).ToString();
    }

    /// <summary>A quote without a cue of its own takes the source of the quote just before it (same or previous paragraph).</summary>
    private void ContinueAttribution()
    {
        var ordered = new List<FoundQuote>(_quotes);
        ordered.Sort((x, y) => x.Start.CompareTo(y.Start));
        for (int i = 0; i < ordered.Count; i++)
        {
            var q = ordered[i];
            if (q.Attributed || q.Kind != QuoteKind.Direct) continue;
            for (int j = i - 1; j >= 0; j--)
            {
                var prev = ordered[j];
                if (prev.End > q.Start || !prev.Attributed) continue;
                if (ParagraphBreaks(prev.End, q.Start) <= 1)
                {
                    q.Source = prev.Source;
                    q.Cue = prev.Cue;
                    q.Attributed = true;
                }
                break;
            }
            if (q.Attributed) continue;
            // `"…" She said it was…`: a source in the sentence right after the quote, same paragraph.
            int close = TokenAt(q.Close);
            if (close >= 0 && close + 1 < _tokens.Length && !HasParagraphBreak(_tokens[close].End, _tokens[close + 1].Start))
            {
                foreach (var next in ordered)
                {
                    if (next.Start <= q.End || !next.Attributed) continue;
                    if (!HasParagraphBreak(q.End, next.Start)) { q.Source = next.Source; q.Cue = next.Cue; q.Attributed = true; }
                    break;
                }
            }
        }
    }

    // ---------------------------------------------------------------- partial quotes

    private void AttributePartial(FoundQuote q)
    {
        foreach (var other in _quotes)
        {
            if (other.Kind == QuoteKind.Indirect && other.Start <= q.Open && q.Close < other.End && other.Attributed)
            {
                q.Source = other.Source;
                q.Cue = other.Cue;
                q.Attributed = true;
                return;
            }
        }
        int open = TokenAt(q.Open);
        if (open < 0 || _sentenceOf[open] < 0) return;
        var sent = _doc.Sentences[_sentenceOf[open]];
        for (int k = open - 1; k >= sent.TokenStart; k--)
        {
            if (_quoteOf[k] >= 0) continue;
            if (!_lex.TryCue(Word(k), out _, out var use) || IsNounUse(k)) continue;
            if (k > sent.TokenStart && IsPassive(k)) return;
            var src = SubjectBefore(k, out _);
            if (src.Found) Attribute(q, src, k);
            return;
        }
    }

    // ---------------------------------------------------------------- indirect speech

    private void FindIndirect()
    {
        for (int s = 0; s < _doc.Sentences.Count; s++)
        {
            var sent = _doc.Sentences[s];
            if (InRegion(_tokens[sent.TokenStart].Start, RegionKind.PullQuote) || InRegion(_tokens[sent.TokenStart].Start, RegionKind.PullQuoteAttribution)
                || InRegion(_tokens[sent.TokenStart].Start, RegionKind.Headline) || InRegion(_tokens[sent.TokenStart].Start, RegionKind.Byline)) continue;
            bool parsed = IsParsed(sent);
            for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
            {
                if (_quoteOf[t] >= 0 || _inIndirect[t]) continue;
                var w = Word(t);
                if (w.Equals("according", StringComparison.OrdinalIgnoreCase) && t + 1 < sent.TokenEnd && Word(t + 1).Equals("to", StringComparison.OrdinalIgnoreCase))
                {
                    AccordingTo(sent, t);
                    continue;
                }
                if (!_lex.TryCue(w, out _, out var use) || (use & CueUse.Clause) == 0 || IsNounUse(t) || _usedCues.Contains(t)) continue;
                if (t > sent.TokenStart && (IsPassive(t) || IsQuoteMark(t - 1))) continue;
                // The word patterns are more precise on news prose than a 0.82-LAS parse; the parse catches what they miss.
                if (Reported(sent, t, use) || Preposed(sent, t)) continue;
                if (parsed) FromParse(sent, t, use);
            }
        }
    }

    /// <summary>`X said (that) CLAUSE`, `X told reporters CLAUSE`, `X denied targeting…`.</summary>
    private bool Reported(Sentence sent, int cue, CueUse use)
    {
        int p = cue + 1;
        if (p >= sent.TokenEnd) return false;
        if ((use & CueUse.Object) != 0 && !Word(p).Equals("that", StringComparison.OrdinalIgnoreCase)) p = SkipObject(sent, p);
        // "said on Monday that", "said in a statement that": a short adverbial before the complementiser.
        for (int k = p; k < sent.TokenEnd && k <= p + 8; k++)
        {
            if (_quoteOf[k] >= 0 || Pos(k) is Upos.VERB or Upos.AUX || Word(k) is "." or ";" or ":") break;
            // "said in a statement that Ankara was ready": the tagger may read "that" as a relative pronoun after a noun;
            // a complementiser is followed by its clause's subject, not by a verb.
            if (Word(k).Equals("that", StringComparison.OrdinalIgnoreCase)
                && (Pos(k) != Upos.PRON || k == p || k + 1 < sent.TokenEnd && Pos(k + 1) is Upos.PROPN or Upos.DET or Upos.PRON or Upos.NUM))
            {
                p = k + 1;
                break;
            }
        }
        // "said on Sunday it had recaptured": the cue's own time is not what was said.
        if (p < sent.TokenEnd && SkipTimePrefix(p, sent.TokenEnd) is var afterTime && afterTime > p && afterTime < sent.TokenEnd && StartsClause(afterTime, use)) p = afterTime;
        if (p >= sent.TokenEnd || !StartsClause(p, use)) return false;
        int end = ContentEnd(sent, p);
        if (end - p < 2 || !HasVerb(p, end)) return false;  // "told Al Jazeera", "declared a disaster": an object, not a clause
        var src = SubjectBefore(cue, out _);
        if (!src.Found) src = SourceOfClause(sent, cue);
        AddIndirect(p, end, src, cue);
        return true;
    }

    /// <summary>`CLAUSE, the official said.` and `CLAUSE, said the official.`</summary>
    private bool Preposed(Sentence sent, int cue)
    {
        int last = sent.TokenEnd;
        while (last > cue + 1 && IsFinalPunct(last - 1)) last--;
        int comma;
        QuoteSource src;
        if (cue > sent.TokenStart && Word(cue - 1) is ",")
        {
            // Inverted: the subject follows the cue and ends the sentence (or an apposition does).
            int k = cue + 1;
            while (k < last && Word(k) is not ",") k++;
            if (k - (cue + 1) is < 1 or > 8) return false;
            for (int j = cue + 1; j < k; j++) if (Pos(j) is Upos.VERB or Upos.AUX) return false;
            comma = cue - 1;
            src = SubjectAfter(cue);
        }
        else
        {
            if (last != cue + 1) return false;
            comma = cue - 1;
            while (comma >= sent.TokenStart && Word(comma) is not "," && !IsQuoteMark(comma)) comma--;
            if (comma < sent.TokenStart || Word(comma) is not "," || cue - comma > 9) return false;
            src = FirstCandidate(comma + 1, cue, out _);
        }
        int start = ContentStart(sent);
        if (comma - start < 3 || IsQuoteMark(comma - 1) || IsQuoteMark(start)) return false;
        if (_quoteOf[comma - 1] >= 0 && _quoteOf[start] == _quoteOf[comma - 1]) return false;
        AddIndirect(start, comma, src, cue);
        return true;
    }

    /// <summary>`According to X, CLAUSE.` and `CLAUSE, according to X.`</summary>
    private void AccordingTo(Sentence sent, int according)
    {
        int np = according + 2;
        int k = np;
        while (k < sent.TokenEnd && Word(k) is not "," && !IsFinalPunct(k)) k++;
        var src = FirstCandidate(np, k, out _);
        int start = ContentStart(sent);
        if (according <= start + 1 && k < sent.TokenEnd && Word(k) is ",")
        {
            int end = ContentEnd(sent, k + 1);
            if (end - (k + 1) >= 2) AddIndirect(k + 1, end, src, according, "according to");
        }
        else if (according > start + 2 && Word(according - 1) is ",")
        {
            AddIndirect(start, according - 1, src, according, "according to");
        }
    }

    /// <summary>Fallback behind the word patterns, with a dependency parse: the cue's <c>ccomp</c> (or a gerund <c>xcomp</c>) after it is the content, its <c>nsubj</c> the speaker.</summary>
    private bool FromParse(Sentence sent, int cue, CueUse use)
    {
        int content = -1, subject = -1;
        for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
        {
            if (_tokens[t].Head != cue) continue;
            var rel = _tokens[t].Relation;
            if (rel is "ccomp" || rel is "xcomp" && (use & CueUse.Gerund) != 0 || rel is "parataxis" && t < cue) content = content < 0 ? t : content;
            else if (rel is "nsubj") subject = t;
        }
        // Only a fallback behind the word patterns: ask for a complement after the cue and a subject of its own.
        if (content < cue || subject < 0) return false;
        var (a, b) = Subtree(sent, content);
        while (a < b && (_tokens[a].Relation is "mark" || Word(a) is "," or "\"" or "“")) a++;
        if (a > cue && SkipTimePrefix(a, b) is var afterTime && afterTime > a && afterTime < b && StartsClause(afterTime, use)) a = afterTime;
        while (b > a && (IsFinalPunct(b - 1) || Word(b - 1) is ",")) b--;
        if (b - a < 2 || _quoteOf[a] >= 0 && _quoteOf[a] == _quoteOf[b - 1] && IsQuoteMark(a - 1)) return false;
        QuoteSource src = QuoteSource.None;
        if (subject >= 0)
        {
            var (sa, sb) = Subtree(sent, subject);
            src = FirstCandidate(sa, sb, out _);
        }
        if (!src.Found) return false;
        AddIndirect(a, b, src, cue);
        return true;
    }

    private (int Start, int End) Subtree(Sentence sent, int root)
    {
        int a = root, b = root + 1;
        for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
        {
            int h = t, guard = 0;
            while (h >= 0 && h != root && guard++ < 64) h = _tokens[h].Head;
            if (h != root) continue;
            if (t < a) a = t;
            if (t + 1 > b) b = t + 1;
        }
        return (a, b);
    }

    private bool IsParsed(Sentence sent)
    {
        for (int t = sent.TokenStart; t < sent.TokenEnd; t++) if (_tokens[t].Head >= 0) return true;
        return false;
    }

    private void AddIndirect(int from, int to, QuoteSource src, int cue, string? cueText = null)
    {
        for (int t = from; t < to; t++) _inIndirect[t] = true;
        _inIndirect[cue] = true;
        src = Commit(src);
        _quotes.Add(new FoundQuote
        {
            Kind = QuoteKind.Indirect,
            Start = _tokens[from].Start,
            End = _tokens[to - 1].End,
            Source = src,
            Attributed = src.Found,
            Cue = cueText ?? Word(cue).ToString(),
        });
    }

    /// <summary>The object of "told": a pronoun, or a determiner, adjectives and one run of nouns ("told reporters", "told the BBC").</summary>
    private int SkipObject(Sentence sent, int p)
    {
        if (p < sent.TokenEnd && Pos(p) == Upos.PRON && !Word(p).Equals("it", StringComparison.OrdinalIgnoreCase)) return p + 1;
        int k = p;
        if (k < sent.TokenEnd && Pos(k) is Upos.DET) k++;
        while (k < sent.TokenEnd && Pos(k) is Upos.ADJ) k++;
        int nouns = k;
        while (k < sent.TokenEnd && Pos(k) is Upos.NOUN or Upos.PROPN) k++;
        if (k == nouns || k - p > 5) return p;
        return k < sent.TokenEnd && (StartsClause(k, CueUse.Clause) || Word(k).Equals("that", StringComparison.OrdinalIgnoreCase)) ? k : p;
    }

    private bool HasVerb(int a, int b)
    {
        for (int k = a; k < b; k++) if (Pos(k) is Upos.VERB or Upos.AUX) return true;
        return false;
    }

    private static readonly HashSet<string> FigureWords = new(StringComparer.OrdinalIgnoreCase) { "at", "about", "nearly", "almost", "around", "over", "more", "fewer", "less", "some", "up" };

    private static readonly HashSet<string> TimePrepositions = new(StringComparer.OrdinalIgnoreCase) { "on", "in", "at", "late", "early", "earlier", "last", "this", "next" };
    private static readonly HashSet<string> TimeNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "yesterday", "today", "tonight", "week", "month", "year",
        "morning", "afternoon", "evening", "night", "weekend", "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    };

    /// <summary>
    /// The token after a time adverbial at <paramref name="p"/> ("on Sunday", "late Tuesday", "last week", "on Monday night",
    /// "yesterday"), or <paramref name="p"/> when none starts there.
    /// </summary>
    private int SkipTimePrefix(int p, int end)
    {
        int k = p;
        if (k < end && TimePrepositions.Contains(Word(k).ToString()) && !TimeNouns.Contains(Word(k).ToString())) k++;
        int nouns = k;
        while (k < end && k < nouns + 3 && (TimeNouns.Contains(Word(k).ToString()) || Pos(k) == Upos.NUM && k > nouns)) k++;
        return k > nouns ? k : p;
    }

    private bool StartsClause(int p, CueUse use)
    {
        var w = Word(p);
        if (_quoteOf[p] >= 0 || IsQuoteMark(p)) return false;
        if (w.Equals("to", StringComparison.OrdinalIgnoreCase) || w.Equals("of", StringComparison.OrdinalIgnoreCase)) return false;
        // "said at least 70 percent were …", "said nearly 5 million face …": a figure opens the clause.
        if (FigureWords.Contains(w.ToString()) && p + 1 < _tokens.Length && (Pos(p + 1) == Upos.NUM || Word(p + 1) is "least" or "than" or "to")) return true;
        return Pos(p) switch
        {
            Upos.DET or Upos.PRON or Upos.PROPN or Upos.NOUN or Upos.NUM or Upos.ADJ => true,
            Upos.ADV => !w.Equals("also", StringComparison.OrdinalIgnoreCase) && p + 1 < _tokens.Length && Pos(p + 1) is not (Upos.PUNCT or Upos.VERB),
            Upos.VERB => (use & CueUse.Gerund) != 0 && w.EndsWith("ing", StringComparison.OrdinalIgnoreCase),
            Upos.SCONJ => w.Equals("if", StringComparison.OrdinalIgnoreCase) || w.Equals("whether", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>Where a complement clause ends: the sentence end, a semicolon, or a second cue with its own clause ("…, and said B", "…, arguing that B").</summary>
    private int ContentEnd(Sentence sent, int from)
    {
        int end = sent.TokenEnd;
        for (int u = from + 1; u < sent.TokenEnd; u++)
        {
            if (Word(u) is ";") { end = u; break; }
            // "…, a claim rejected by Kyiv", "…, a blow to the government": a comment on the statement, not part of it.
            if (Word(u) is "," or "-" or "—" && u - from >= 4 && u + 2 < sent.TokenEnd && _quoteOf[u] < 0
                && (Word(u + 1).Equals("a", StringComparison.OrdinalIgnoreCase) || Word(u + 1).Equals("an", StringComparison.OrdinalIgnoreCase))
                && Pos(u + 2) is Upos.NOUN or Upos.ADJ) { end = u; break; }
            if (_quoteOf[u] >= 0 || !_lex.TryCue(Word(u), out _, out var use) || (use & CueUse.Clause) == 0 || IsNounUse(u) || IsPassive(u)) continue;
            int c = u - 1;
            if (c > from && Word(c).Equals("and", StringComparison.OrdinalIgnoreCase) && Word(c - 1) is not ",") { end = c; break; }
            while (c > from && c >= u - 10 && Word(c) is not "," && Pos(c) is not (Upos.VERB or Upos.AUX)) c--;
            if (c <= from || Word(c) is not ",") continue;
            int after = u + 1;
            if (after < sent.TokenEnd && Word(after).Equals("that", StringComparison.OrdinalIgnoreCase)) after++;
            // "…, and the WHO said at least 70 percent were …": a clause, whatever its first word.
            if (after < sent.TokenEnd && (StartsClause(after, use) || HasVerb(after, Math.Min(sent.TokenEnd, after + 8)))) { end = c; break; }
        }
        while (end > from && (IsFinalPunct(end - 1) || Word(end - 1) is "," or "-" or "—")) end--;
        return end;
    }

    /// <summary>The first token of a sentence's own words: after a dateline and leading conjunctions.</summary>
    private int ContentStart(Sentence sent)
    {
        int t = sent.TokenStart;
        foreach (var r in _doc.Regions)
            if (r.Kind == RegionKind.Dateline && r.Start <= _tokens[t].Start && r.End > _tokens[t].Start)
                while (t < sent.TokenEnd && _tokens[t].Start < r.End) t++;
        while (t < sent.TokenEnd - 1 && (Pos(t) == Upos.CCONJ || Word(t) is "-" or "—" or "–")) t++;
        return t;
    }

    /// <summary>A participle cue without a subject ("…, adding that…") reports for the sentence's first source.</summary>
    private QuoteSource SourceOfClause(Sentence sent, int cue)
    {
        foreach (var q in _quotes)
            if (q.Attributed && q.Start >= _tokens[sent.TokenStart].Start && q.End <= _tokens[cue].Start) return q.Source;
        return FirstCandidate(sent.TokenStart, cue, out _);
    }

    // ---------------------------------------------------------------- speakers

    /// <summary>
    /// The subject before a cue: the words back to the previous comma; when a comma stands right before the cue,
    /// an apposition ("X, a spokesman for Y, said"), so the source is the named person among the comma-separated
    /// segments, else the first segment's source. An apposition about anonymity is kept in the description.
    /// </summary>
    private QuoteSource SubjectBefore(int cue, out int at)
    {
        at = -1;
        int floor = _sentenceOf[cue] >= 0 ? _doc.Sentences[_sentenceOf[cue]].TokenStart : Math.Max(0, cue - 30);
        int k = cue - 1;
        while (k >= floor && (Pos(k) is Upos.ADV or Upos.AUX && _quoteOf[k] < 0 || Word(k).Equals("also", StringComparison.OrdinalIgnoreCase))) k--;
        if (k < floor || IsQuoteMark(k) || _quoteOf[k] >= 0) return QuoteSource.None;
        if (Word(k) is not ",")
        {
            int start = k;
            while (start - 1 >= floor && !IsBoundary(start - 1)) start--;
            return FirstCandidate(start, k + 1, out at);
        }
        // Comma-separated segments back to the clause start.
        QuoteSource first = QuoteSource.None, person = QuoteSource.None, named = QuoteSource.None;
        int firstAt = -1, personAt = -1, namedAt = -1, appositionStart = k, appositionEnd = k;
        int end = k;
        for (int guard = 0; guard < 4 && end > floor; guard++)
        {
            int start = end - 1;
            while (start - 1 >= floor && !IsBoundary(start - 1)) start--;
            if (start >= end) break;
            var src = FirstCandidate(start, end, out int a);
            if (src.Found)
            {
                if (src.Entity is { } id && _doc.Entities[EntityIndex(id)].Type == EntityType.PERSON && !src.Anonymous
                    || src.Name >= 0 && _names[src.Name].Type == EntityType.PERSON) { person = src; personAt = a; }
                if (!src.Anonymous && (src.Entity is not null || src.Name >= 0)) { named = src; namedAt = a; }
                first = src;
                firstAt = a;
                appositionEnd = end < k ? appositionEnd : k;
                appositionStart = end;
            }
            if (start - 1 < floor || Word(start - 1) is not ",") break;
            end = start - 1;
        }
        if (person.Found) { at = personAt; return person; }
        if (named.Found && first.Anonymous) { at = namedAt; return named; }
        at = firstAt;
        if (first.Found && first.Anonymous && appositionStart < k && IsAboutAnonymity(appositionStart + 1, k))
            first = first with { Text = _text[_tokens[firstAt].Start.._tokens[k - 1].End] };
        return first;
    }

    /// <summary>The subject after an inverted cue: `said Mr Carter`, `said the military official, speaking…`.</summary>
    private QuoteSource SubjectAfter(int cue)
    {
        int limit = cue + 1;
        while (limit < _tokens.Length && _sentenceOf[limit] == _sentenceOf[cue] && !IsBoundary(limit) && Word(limit) is not "." && limit - cue < 12) limit++;
        var src = FirstCandidate(cue + 1, limit, out int at);
        if (src.Found && src.Anonymous && limit < _tokens.Length && Word(limit) is ",")
        {
            int k = limit + 1;
            while (k < _tokens.Length && _sentenceOf[k] == _sentenceOf[cue] && !IsBoundary(k) && !IsFinalPunct(k)) k++;
            if (IsAboutAnonymity(limit + 1, k)) src = src with { Text = _text[_tokens[at].Start.._tokens[k - 1].End] };
        }
        return src;
    }

    private bool IsAboutAnonymity(int from, int to)
    {
        for (int t = from; t < to; t++) if (_lex.IsAnonymityWord(Word(t))) return true;
        return false;
    }

    /// <summary>
    /// The first source named in tokens [from, to): a role description, an entity mention, a pronoun, a definite
    /// organisation noun, or a plain noun phrase (anonymous). Relative clauses and participles name no source.
    /// </summary>
    private QuoteSource FirstCandidate(int from, int to, out int at)
    {
        at = -1;
        for (int t = from; t < to; t++)
        {
            if (_quoteOf[t] >= 0 || IsQuoteMark(t)) return QuoteSource.None;
            var w = Word(t);
            int start = _tokens[t].Start;
            if (FindRole(start) is { } role)
            {
                at = t;
                if (role.Named && role.Entity is { } named) return Named(named, t, to);
                int next = TokenAtOrAfter(role.End);
                if (next < to && _nameOf[next] >= 0) return FirstCandidate(next, to, out at);
                return Anonymous(role, t, to);
            }
            if (MentionAt(start, _tokens[t].End) is { } m)
            {
                at = t;
                var entity = _doc.Entities[m.Entity];
                int after = TokenAtOrAfter(m.End);
                if (after < to && Word(after) is "'s" or "’s")
                {
                    int h = after;
                    // "Egypt's foreign ministry" (the tagger may call a lower-case "ministry" a proper noun)
                    while (h + 1 < to && (Pos(h + 1) is Upos.ADJ or Upos.NOUN || Pos(h + 1) == Upos.PROPN && char.IsLower(Word(h + 1)[0]))) h++;
                    if (entity.Type is EntityType.GPE or EntityType.ORG && h > after && _lex.IsOrgNoun(Word(h)))
                        return new QuoteSource(entity.Id, _text[m.Start.._tokens[h].End], false); // "Russia's defence ministry"

                    // "Delane's lawyer": the possessor is not the source; the head noun is.
                    t = after;
                    continue;
                }
                // "Harris County Sheriff Ed Gonzalez", "Lamar County Judge Brandon Bell": the named officer is the source.
                if (entity.Type is not EntityType.PERSON && after < to && FindRole(_tokens[after].Start) is { Named: true, Entity: not null })
                {
                    t = after - 1;
                    continue;
                }
                // "RSF adviser Mohamed al-Mukhtar", "Hamas spokesman Hazem Qassem": the organisation's named officer.
                if (entity.Type is not EntityType.PERSON)
                {
                    int k = after;
                    while (k < to && k < after + 3 && Pos(k) == Upos.NOUN && char.IsLower(Word(k)[0])) k++;
                    if (k > after && k < to && MentionAt(_tokens[k].Start, _tokens[k].End) is { } officer && officer.Start == _tokens[k].Start
                        && _doc.Entities[officer.Entity].Type == EntityType.PERSON)
                    {
                        t = k - 1;
                        continue;
                    }
                }
                bool modifier = after < to && after < _tokens.Length && Pos(after) is Upos.NOUN && char.IsLower(Word(after)[0]);
                if (entity.Type == EntityType.NORP || modifier && entity.Type is EntityType.GPE or EntityType.LOC)
                    return new QuoteSource(null, NounPhrase(t, to), true);
                return new QuoteSource(entity.Id, _text[m.Start..m.End], false);
            }
            if (_nameOf[t] >= 0)
            {
                at = t;
                var n = _names[_nameOf[t]];
                int e = t;
                while (e + 1 < to && _nameOf[e + 1] == _nameOf[t]) e++;
                return new QuoteSource(n.Id, _text[_tokens[t].Start.._tokens[e].End], false, n.Id is null ? _nameOf[t] : -1);
            }
            if (QuoteLexicon.IsPersonalPronoun(w) || QuoteLexicon.IsItPronoun(w))
            {
                at = t;
                return Pronoun(t, QuoteLexicon.IsItPronoun(w));
            }
            if (QuoteLexicon.IsOtherPronoun(w)) { at = t; return new QuoteSource(null, w.ToString(), false); }
            // "according to the United Nations": a determiner before a name that heads its phrase (the tagger may read
            // "United" as a verb there, which would end the phrase at "the").
            if (Pos(t) == Upos.DET && t + 1 < to && MentionAt(_tokens[t + 1].Start, _tokens[t + 1].End) is { } dm && dm.Start == _tokens[t + 1].Start
                && _doc.Entities[dm.Entity].Type is not EntityType.NORP && TokenAtOrAfter(dm.End) is var afterName
                && (afterName >= to || Pos(afterName) is not (Upos.NOUN or Upos.PROPN)))
                continue;
            switch (Pos(t))
            {
                case Upos.CCONJ or Upos.ADV or Upos.PUNCT or Upos.INTJ:
                    continue;
                case Upos.ADP when t + 1 < to:
                    // "In a statement, the ministry said": skip the prepositional phrase's determiner and nouns.
                    return QuoteSource.None;
                case Upos.DET or Upos.ADJ or Upos.NOUN or Upos.PROPN or Upos.NUM:
                {
                    at = t;
                    int head = t;
                    while (head + 1 < to && Pos(head + 1) is Upos.ADJ or Upos.NOUN or Upos.PROPN or Upos.NUM && _quoteOf[head + 1] < 0) head++;
                    bool place = false;
                    for (int k = t + 1; k <= head; k++)
                    {
                        if (MentionAt(_tokens[k].Start, _tokens[k].End) is not { } inner) continue;
                        var e = _doc.Entities[inner.Entity];
                        if (TokenAtOrAfter(inner.End) <= head) { place = true; continue; } // "A United Nations official": a modifier
                        return new QuoteSource(e.Id, _text[_tokens[t].Start..inner.End], false);
                    }
                    bool capitalised = Pos(t) != Upos.DET;
                    for (int k = t; k <= head; k++) capitalised &= char.IsUpper(Word(k)[0]) && (k > t || !IsSentenceStart(k));
                    bool definiteName = Word(t).Equals("the", StringComparison.OrdinalIgnoreCase) && head > t;
                    for (int k = t + 1; k <= head && definiteName; k++) definiteName &= char.IsUpper(Word(k)[0]);
                    // "the World Food Programme": the name without its article.
                    if (definiteName) return new QuoteSource(null, _text[_tokens[t].Start.._tokens[head].End], false, AdHocName(t + 1, head + 1, EntityType.ORG));
                    if (capitalised && head > t) return new QuoteSource(null, _text[_tokens[t].Start.._tokens[head].End], false, AdHocName(t, head + 1, EntityType.PERSON));
                    if (Pos(t) == Upos.DET && _lex.IsOrgNoun(Word(head)))
                    {
                        if (RecentName(t, 6, EntityType.ORG) is { } orgName && (RecentEntity(t, EntityType.ORG, 6) is not { } o2 || orgName.Start > LastMentionBefore(o2, _tokens[t].Start)))
                            return new QuoteSource(null, NounPhrase(t, to), false, orgName.Cluster);
                        // "the company" refers back to any organisation; "the army" only to one whose name says army.
                        if (RecentEntity(t, EntityType.ORG, 6) is { } org && (_lex.IsGenericOrgNoun(Word(head)) || org.Name.AsSpan().Contains(Word(head), StringComparison.OrdinalIgnoreCase)))
                            return new QuoteSource(org.Id, NounPhrase(t, to), false);
                        if (!place && head - t <= 3 && Word(t).Equals("the", StringComparison.OrdinalIgnoreCase))
                            return new QuoteSource(null, _text[_tokens[t].Start.._tokens[head].End], false, AdHocName(t, head + 1, EntityType.ORG));
                    }
                    if (Pos(t) == Upos.DET && head == t) return QuoteSource.None;
                    return new QuoteSource(null, NounPhrase(t, to), true);
                }
                default:
                    return QuoteSource.None;
            }
        }
        return QuoteSource.None;
    }

    private QuoteSource Named(string entityId, int t, int to)
    {
        for (int k = t; k < to; k++)
            if (MentionAt(_tokens[k].Start, _tokens[k].End) is { } m && _doc.Entities[m.Entity].Id == entityId)
                return new QuoteSource(entityId, _text[_tokens[t].Start..m.End], false);
        return new QuoteSource(entityId, NounPhrase(t, to), false);
    }

    /// <summary>An anonymous role; a definite back-reference ("the military official") takes the earlier introduction's words.</summary>
    private QuoteSource Anonymous(RoleMention role, int t, int to)
    {
        if (role.Text.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
        {
            RoleMention? earlier = null;
            foreach (var r in _doc.Roles)
            {
                if (r.Start >= role.Start) break;
                if (!r.Named && r.Role == role.Role && !r.Text.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) earlier = r;
            }
            if (earlier is not null) return new QuoteSource(null, earlier.Text, true);
        }
        var text = NounPhrase(t, to);
        return new QuoteSource(null, text.Length >= role.Text.Length ? text : role.Text, true);
    }

    /// <summary>he/she: the entity the linker gave it, else the most recent person; it: the most recent organisation. The mention is added to the entity.</summary>
    private QuoteSource Pronoun(int t, bool it)
    {
        var type = it ? EntityType.ORG : EntityType.PERSON;
        var entity = RecentEntity(t, type, it ? 4 : 3);
        if (!it && RecentSpeaker(t, 3) is { } speaker && (entity is null || LastMentionBefore(speaker, _tokens[t].Start) > LastMentionBefore(entity, _tokens[t].Start)))
            entity = speaker;
        if (RecentName(t, 3, type) is { } name && (entity is null || name.Start > LastMentionBefore(entity, _tokens[t].Start)))
            entity = _doc.Entities[EntityIndex(CommitName(name.Cluster))];
        if (entity is null) return new QuoteSource(null, Word(t).ToString(), false);
        var mention = new Mention(_tokens[t].Start, _tokens[t].End, Word(t).ToString());
        int i = 0;
        while (i < entity.Mentions.Count && entity.Mentions[i].Start < mention.Start) i++;
        entity.Mentions.Insert(i, mention);
        IndexMentions();
        return new QuoteSource(entity.Id, entity.Name, false);
    }

    /// <summary>The most recent entity (not a place or nationality) standing next to a reporting cue: `X said`, `said X`.</summary>
    private Entity? RecentSpeaker(int t, int sentences)
    {
        Entity? best = null;
        int bestStart = -1;
        foreach (var (ms, me, e) in _mentions)
        {
            if (ms >= _tokens[t].Start) break;
            var entity = _doc.Entities[e];
            if (entity.Type is EntityType.GPE or EntityType.NORP || entity.Type == EntityType.LOC && _text.AsSpan(ms, me - ms).IndexOf(' ') < 0) continue;
            int a = TokenAt(ms), b = TokenAtOrAfter(me);
            if (a < 0 || _sentenceOf[t] - _sentenceOf[a] > sentences) continue;
            bool cue = b < _tokens.Length && _lex.TryCue(Word(b), out _, out _) || a > 0 && _lex.TryCue(Word(a - 1), out _, out _);
            if (!cue && b < _tokens.Length && Word(b) is "," && _sentenceOf[b] >= 0)
                for (int k = b + 1; k < _doc.Sentences[_sentenceOf[b]].TokenEnd && !cue; k++)
                    cue = Word(k - 1) is "," && _lex.TryCue(Word(k), out _, out var use) && (use & CueUse.Clause) != 0;
            if (cue && ms > bestStart) { best = entity; bestStart = ms; }
        }
        return best;
    }

    private (int Cluster, int Start)? RecentName(int t, int sentences, EntityType type)
    {
        (int, int)? best = null;
        int bestStart = -1;
        for (int c = 0; c < _names.Count; c++)
        {
            if (_names[c].Type != type) continue;
            foreach (var (a, _) in _names[c].Spans)
            {
                if (a >= t || _sentenceOf[t] - _sentenceOf[a] > sentences || _tokens[a].Start <= bestStart) continue;
                best = (c, _tokens[a].Start);
                bestStart = _tokens[a].Start;
            }
        }
        return best;
    }

    private static int LastMentionBefore(Entity e, int offset)
    {
        int last = -1;
        foreach (var m in e.Mentions) if (m.Start < offset && m.Start > last) last = m.Start;
        return last;
    }

    private Entity? RecentEntity(int t, EntityType type, int sentences)
    {
        int start = _tokens[t].Start;
        int sentence = _sentenceOf[t];
        Entity? best = null;
        int bestStart = -1;
        foreach (var (ms, me, e) in _mentions)
        {
            if (ms >= start) break;
            var entity = _doc.Entities[e];
            if (entity.Type != type || ms < bestStart) continue;
            int mt = TokenAt(ms);
            if (mt < 0 || sentence - _sentenceOf[mt] > sentences) continue;
            if (InRegion(ms, RegionKind.PullQuoteAttribution) || InRegion(ms, RegionKind.Headline)) continue;
            if (type == EntityType.PERSON && QuoteLexicon.IsPersonalPronoun(_text.AsSpan(ms, me - ms))) continue;
            best = entity;
            bestStart = ms;
        }
        return best;
    }

    /// <summary>The noun phrase starting at token t: modifiers, nouns, a possessive and "of"/"from"/"at" + noun phrase.</summary>
    private string NounPhrase(int t, int to)
    {
        int k = t;
        bool any = false;
        while (k < to && k < _tokens.Length)
        {
            var pos = Pos(k);
            var w = Word(k);
            if (pos is Upos.DET or Upos.ADJ or Upos.NOUN or Upos.PROPN or Upos.NUM || w is "'s" or "’s" or "-" || pos == Upos.PART && w.StartsWith('\'')) { any = true; k++; continue; }
            if (any && (w.Equals("of", StringComparison.OrdinalIgnoreCase) || w.Equals("from", StringComparison.OrdinalIgnoreCase) || w.Equals("at", StringComparison.OrdinalIgnoreCase) || w.Equals("in", StringComparison.OrdinalIgnoreCase))
                && k + 1 < to && Pos(k + 1) is Upos.DET or Upos.PROPN or Upos.NOUN or Upos.ADJ) { k++; continue; }
            break;
        }
        if (k == t) k = t + 1;
        return _text[_tokens[t].Start.._tokens[k - 1].End];
    }

    private RoleMention? FindRole(int start)
    {
        foreach (var r in _doc.Roles)
        {
            if (r.Start > start) break;
            if (start < r.End) return r;
        }
        return null;
    }

    private (int Start, int End, int Entity)? MentionAt(int start, int end)
    {
        foreach (var m in _mentions)
        {
            if (m.Start >= end) break;
            if (m.End > start) return m;
        }
        return null;
    }

    private int EntityIndex(string id)
    {
        for (int i = 0; i < _doc.Entities.Count; i++) if (_doc.Entities[i].Id == id) return i;
        return -1;
    }

    // ---------------------------------------------------------------- pull-quotes and repeats

    /// <summary>
    /// A quote that appears again (pull-quote line, headline, a second quotation of the same words) is one quote:
    /// the body occurrence keeps the record, the others become occurrences; a pull-quote attribution names its speaker.
    /// </summary>
    private void MergeRepeats()
    {
        foreach (var q in _quotes)
        {
            if (q.Kind == QuoteKind.Indirect || q.Start < 0 || IsDisplay(q.Start)) continue;
            q.Occurrences.Add(new TextSpan(q.Start, q.End));
        }
        // Display copies with quote marks (pull-quotes, headlines) and equal quotations.
        foreach (var q in _quotes)
        {
            if (q.Kind == QuoteKind.Indirect || q.Start < 0) continue;
            var main = FindSame(q.Start, q.End, q);
            if (main is null || main == q) continue;
            if (!IsDisplay(q.Start) && main.Start > q.Start) continue;
            main.Occurrences.Add(new TextSpan(q.Start, q.End));
            if (!main.Source.Found && q.Source.Found) main.Source = q.Source;
            q.Start = -1;
        }
        // Pull-quote lines without marks, and their attribution lines.
        for (int i = 0; i < _doc.Regions.Count; i++)
        {
            var r = _doc.Regions[i];
            if (r.Kind != RegionKind.PullQuote) continue;
            var (a, b) = Core(r.Start, r.End);
            var main = FindSame(a, b, null);
            if (main is null) continue;
            bool has = false;
            foreach (var o in main.Occurrences) has |= o.Start >= r.Start && o.End <= r.End;
            if (!has) main.Occurrences.Add(new TextSpan(a, b));
            for (int j = 0; j < _doc.Regions.Count; j++)
            {
                var attribution = _doc.Regions[j];
                if (attribution.Kind != RegionKind.PullQuoteAttribution || attribution.Of != i) continue;
                if (main.Source.Entity is not null) continue;
                foreach (var m in _mentions)
                {
                    if (m.Start < attribution.Start || m.End > attribution.End || _doc.Entities[m.Entity].Type != EntityType.PERSON) continue;
                    main.Source = new QuoteSource(_doc.Entities[m.Entity].Id, _doc.Entities[m.Entity].Name, false);
                    main.Attributed = true;
                    break;
                }
            }
        }
    }

    private FoundQuote? FindSame(int a, int b, FoundQuote? self)
    {
        var text = _text.AsSpan(a, b - a);
        FoundQuote? best = null;
        foreach (var q in _quotes)
        {
            if (q == self || q.Start < 0 || q.Kind == QuoteKind.Indirect || IsDisplay(q.Start)) continue;
            if (!SameWords(text, _text.AsSpan(q.Start, q.End - q.Start))) continue;
            if (best is null || q.Start < best.Start) best = q;
        }
        if (best is null && self is not null && !IsDisplay(self.Start)) return null;
        return best is not null && self is not null && !IsDisplay(self.Start) && best.Start > self.Start ? self : best;
    }

    private (int Start, int End) Core(int start, int end)
    {
        while (start < end && (char.IsWhiteSpace(_text[start]) || _text[start] is '"' or '“' or '‘' or '\'')) start++;
        while (end > start && (char.IsWhiteSpace(_text[end - 1]) || _text[end - 1] is '"' or '”' or '’' or '\'' or '.' or ',')) end--;
        return (start, end);
    }

    /// <summary>Equal up to case, quote-mark style and whitespace runs.</summary>
    private static bool SameWords(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < x.Length && (char.IsWhiteSpace(x[i]) && (i + 1 >= x.Length || char.IsWhiteSpace(x[i + 1])))) i++;
            while (j < y.Length && (char.IsWhiteSpace(y[j]) && (j + 1 >= y.Length || char.IsWhiteSpace(y[j + 1])))) j++;
            if (i >= x.Length || j >= y.Length) return i >= x.Length && j >= y.Length;
            if (Fold(x[i]) != Fold(y[j])) return false;
            i++;
            j++;
        }
    }

    private static char Fold(char c) => c switch
    {
        '“' or '”' => '"',
        '‘' or '’' => '\'',
        _ => char.IsWhiteSpace(c) ? ' ' : char.ToLowerInvariant(c),
    };

    private bool IsDisplay(int offset) => InRegion(offset, RegionKind.PullQuote) || InRegion(offset, RegionKind.Headline);

    // ---------------------------------------------------------------- tokens

    private ReadOnlySpan<char> Word(int t) => _text.AsSpan(_tokens[t].Start, _tokens[t].Length);
    private Upos Pos(int t) => _tokens[t].Pos;

    private bool IsQuoteMark(int t) => t >= 0 && t < _tokens.Length && Word(t) is "\"" or "“" or "”" or "``" or "''";
    private bool IsFinalPunct(int t) => Word(t) is "." or "!" or "?" or ":" or ";";
    private bool IsBoundary(int t) => Word(t) is "," or ";" or ":" or "(" or ")" || IsQuoteMark(t) || _quoteOf[t] >= 0
        || Word(t).Equals("who", StringComparison.OrdinalIgnoreCase) || Word(t).Equals("which", StringComparison.OrdinalIgnoreCase);

    private bool IsPassive(int t)
    {
        int k = t - 1;
        while (k >= 0 && Pos(k) == Upos.ADV) k--;
        return k >= 0 && _lex.IsPassiveAux(Word(k));
    }

    /// <summary>"the report", "a warning", "claims": a cue word used as a noun.</summary>
    private bool IsNounUse(int t)
    {
        if (Pos(t) is Upos.NOUN or Upos.PROPN or Upos.ADJ) return true;
        return t > 0 && Pos(t - 1) is Upos.DET or Upos.ADJ && !Word(t - 1).Equals("that", StringComparison.OrdinalIgnoreCase);
    }

    private bool HasParagraphBreak(int from, int to)
    {
        for (int i = Math.Max(0, from); i < to && i < _text.Length; i++) if (_text[i] == '\n') return true;
        return false;
    }

    private int ParagraphBreaks(int from, int to)
    {
        int n = 0;
        for (int i = Math.Max(0, from); i + 1 < to && i + 1 < _text.Length; i++)
            if (_text[i] == '\n' && _text[i + 1] == '\n') n++;
        return n;
    }

    private bool InRegion(int offset, RegionKind kind) => _doc.InRegion(offset, kind);

    /// <summary>The token covering character <paramref name="offset"/>, or -1.</summary>
    private int TokenAt(int offset)
    {
        int t = TokenAtOrAfter(offset);
        return t < _tokens.Length && _tokens[t].Start <= offset ? t : -1;
    }

    /// <summary>The first token ending after <paramref name="offset"/>.</summary>
    private int TokenAtOrAfter(int offset)
    {
        int lo = 0, hi = _tokens.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_tokens[mid].End <= offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
