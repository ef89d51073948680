namespace Sitrep.Extraction.Events;

/// <summary>
/// Children lists and token→entity links over one document's parse, built once per document by the event stages
/// (first-child / next-sibling arrays: no per-token allocation).
/// </summary>
internal sealed class DependencyView
{
    private readonly int[] _firstChild;
    private readonly int[] _nextSibling;
    private readonly int[] _entity;

    public DependencyView(Document doc)
    {
        Doc = doc;
        int n = doc.TokenCount;
        _firstChild = new int[n];
        _nextSibling = new int[n];
        _entity = new int[n];
        Array.Fill(_firstChild, -1);
        Array.Fill(_nextSibling, -1);
        Array.Fill(_entity, -1);
        var tokens = doc.Tokens;
        for (int i = n - 1; i >= 0; i--)
        {
            int h = tokens[i].Head;
            if ((uint)h < (uint)n && h != i)
            {
                _nextSibling[i] = _firstChild[h];
                _firstChild[h] = i;
            }
        }
        for (int e = 0; e < doc.Entities.Count; e++)
            foreach (var m in doc.Entities[e].Mentions)
                for (int t = TokenAt(m.Start); t >= 0 && t < n && tokens[t].Start < m.End; t++)
                    if (tokens[t].End > m.Start && _entity[t] < 0) _entity[t] = e;
    }

    public Document Doc { get; }

    /// <summary>Index of the first token ending after <paramref name="offset"/>.</summary>
    public int TokenAt(int offset)
    {
        var tokens = Doc.Tokens;
        int lo = 0, hi = tokens.Length - 1, found = tokens.Length;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (tokens[mid].End > offset) { found = mid; hi = mid - 1; }
            else lo = mid + 1;
        }
        return found;
    }

    public Entity? EntityOf(int token) => _entity[token] >= 0 ? Doc.Entities[_entity[token]] : null;

    public ChildEnumerator Children(int token) => new(this, _firstChild[token]);

    public string Rel(int token) => Doc.Tokens[token].Relation ?? "";
    public string Lemma(int token) => Doc.Tokens[token].Lemma ?? Doc.Text.Substring(Doc.Tokens[token].Start, Doc.Tokens[token].Length);
    public int Head(int token) => Doc.Tokens[token].Head;
    public Upos Pos(int token) => Doc.Tokens[token].Pos;
    public ReadOnlySpan<char> Text(int token) => Doc.Text.AsSpan(Doc.Tokens[token].Start, Doc.Tokens[token].Length);

    /// <summary>The first child whose relation is <paramref name="rel"/> (or starts with it followed by ':').</summary>
    public int Child(int token, string rel)
    {
        foreach (var c in Children(token)) if (Is(c, rel)) return c;
        return -1;
    }

    /// <summary>The first oblique/nominal-modifier child introduced by preposition <paramref name="prep"/>.</summary>
    public int PrepChild(int token, string prep)
    {
        foreach (var c in Children(token))
        {
            var rel = Rel(c);
            if (!(rel.StartsWith("obl", StringComparison.Ordinal) || rel.StartsWith("nmod", StringComparison.Ordinal) || rel == "advcl")) continue;
            if (rel == "nmod:poss") continue;
            if (CaseOf(c) is { } cs && cs.Equals(prep, StringComparison.OrdinalIgnoreCase)) return c;
        }
        return -1;
    }

    /// <summary>The preposition (case or mark child) of a nominal, lower case.</summary>
    public string? CaseOf(int token)
    {
        foreach (var c in Children(token))
            if (Rel(c) is "case" or "mark") return Lemma(c).ToLowerInvariant();
        return null;
    }

    public bool Is(int token, string rel)
    {
        var r = Rel(token);
        return r == rel || (r.Length > rel.Length && r[rel.Length] == ':' && r.StartsWith(rel, StringComparison.Ordinal));
    }

    /// <summary>The token and the conjuncts coordinated with it (A, B and C).</summary>
    public void Conjuncts(int token, List<int> into)
    {
        into.Add(token);
        foreach (var c in Children(token))
            if (Rel(c) == "conj" && Pos(c) is Upos.NOUN or Upos.PROPN or Upos.PRON) Conjuncts(c, into);
    }

    public struct ChildEnumerator(DependencyView view, int first)
    {
        private int _next = first;
        public int Current { get; private set; } = -1;
        public readonly ChildEnumerator GetEnumerator() => this;
        public bool MoveNext()
        {
            if (_next < 0) return false;
            Current = _next;
            _next = view._nextSibling[_next];
            return true;
        }
    }
}
