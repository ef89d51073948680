namespace Sitrep;

/// <summary>
/// One analysed article: its text, metadata, and the annotations the pipeline stages add.
/// All offsets are UTF-16 code units into <see cref="Text"/>, end exclusive.
/// </summary>
public sealed class Document
{
    private TokenData[] _tokens = new TokenData[16];
    private int _tokenCount;
    private readonly List<Sentence> _sentences = [];

    public Document(string text, DocumentMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Metadata = metadata ?? new DocumentMetadata();
    }

    public string Text { get; }
    public DocumentMetadata Metadata { get; set; }

    /// <summary>Typed stretches of the text (headline, dateline, pull-quotes...), in text order.</summary>
    public List<Region> Regions { get; } = [];

    public int TokenCount => _tokenCount;
    public Token this[int index] => (uint)index < (uint)_tokenCount ? new Token(this, index) : throw new ArgumentOutOfRangeException(nameof(index));
    public ref TokenData TokenAt(int index)
    {
        if ((uint)index >= (uint)_tokenCount) throw new ArgumentOutOfRangeException(nameof(index));
        return ref _tokens[index];
    }

    /// <summary>The token data as a span, for stages that walk every token.</summary>
    public Span<TokenData> Tokens => _tokens.AsSpan(0, _tokenCount);

    public IReadOnlyList<Sentence> Sentences => _sentences;

    public List<Entity> Entities { get; } = [];
    /// <summary>Role descriptions (titles of named people and anonymous sources), in text order.</summary>
    public List<RoleMention> Roles { get; } = [];
    public List<Quote> Quotes { get; } = [];
    public List<TimeExpression> Times { get; } = [];
    public List<Quantity> Quantities { get; } = [];
    /// <summary>Killed, wounded, missing… counts, each pointing at one of <see cref="Quantities"/>.</summary>
    public List<Casualty> Casualties { get; } = [];
    public List<Event> Events { get; } = [];

    /// <summary>Stage names that have run, in order.</summary>
    public List<string> Layers { get; } = [];

    public ReadOnlySpan<char> Slice(int start, int end) => Text.AsSpan(start, end - start);
    public ReadOnlySpan<char> Slice(TextSpan span) => Text.AsSpan(span.Start, span.Length);

    public void AddToken(in TokenData token)
    {
        if ((uint)token.Start > (uint)Text.Length || token.Length < 0 || token.End > Text.Length)
            throw new ArgumentOutOfRangeException(nameof(token), $"token [{token.Start},{token.End}) outside the text of length {Text.Length}");
        if (_tokenCount == _tokens.Length) Array.Resize(ref _tokens, _tokens.Length * 2);
        _tokens[_tokenCount++] = token;
    }

    /// <summary>
    /// Appends a new token with no POS, lemma, head or relation yet, written field by field in place (the tokenizer's hot path:
    /// no struct copy, and the unset references are stored as constants).
    /// </summary>
    public void AddToken(int start, int length, TokenKind kind, TokenFlags flags, string? norm)
    {
        if ((uint)start > (uint)Text.Length || length < 0 || start + length > Text.Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"token [{start},{start + length}) outside the text of length {Text.Length}");
        if (_tokenCount == _tokens.Length) Array.Resize(ref _tokens, _tokens.Length * 2);
        ref var t = ref _tokens[_tokenCount++];
        t.Start = start;
        t.Length = length;
        t.Kind = kind;
        t.Flags = flags;
        t.Pos = default;
        t.Norm = norm;
        t.Tag = null;
        t.Lemma = null;
        t.Head = -1;
        t.Relation = null;
    }

    /// <summary>Reserves room for <paramref name="capacity"/> tokens (a tokenizer's estimate).</summary>
    public void EnsureTokenCapacity(int capacity)
    {
        if (capacity > _tokens.Length) Array.Resize(ref _tokens, capacity);
    }

    public void ClearTokens()
    {
        _tokenCount = 0;
        _sentences.Clear();
    }

    public void AddSentence(Sentence sentence)
    {
        if (sentence.TokenStart < 0 || sentence.TokenEnd > _tokenCount || sentence.TokenEnd < sentence.TokenStart)
            throw new ArgumentOutOfRangeException(nameof(sentence));
        _sentences.Add(sentence);
    }

    /// <summary>Index of the sentence holding token <paramref name="tokenIndex"/>, or -1.</summary>
    public int SentenceOfToken(int tokenIndex)
    {
        int lo = 0, hi = _sentences.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var s = _sentences[mid];
            if (tokenIndex < s.TokenStart) hi = mid - 1;
            else if (tokenIndex >= s.TokenEnd) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    /// <summary>Tokens of one sentence.</summary>
    public Span<TokenData> SentenceTokens(in Sentence sentence) => _tokens.AsSpan(sentence.TokenStart, sentence.TokenCount);

    /// <summary>True when the offset lies inside a region of the given kind.</summary>
    public bool InRegion(int offset, RegionKind kind)
    {
        foreach (var r in Regions)
            if (r.Kind == kind && offset >= r.Start && offset < r.End) return true;
        return false;
    }
}
