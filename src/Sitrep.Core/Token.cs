namespace Sitrep;

/// <summary>A light view of one token of a <see cref="Document"/>.</summary>
public readonly struct Token
{
    private readonly Document _doc;

    internal Token(Document doc, int index)
    {
        _doc = doc;
        Index = index;
    }

    public int Index { get; }
    public ref readonly TokenData Data => ref _doc.TokenAt(Index);
    public int Start => Data.Start;
    public int End => Data.End;
    public TextSpan Span => new(Data.Start, Data.End);
    public ReadOnlySpan<char> Text => _doc.Text.AsSpan(Data.Start, Data.Length);
    /// <summary>The normalized form as a span: <see cref="TokenData.Norm"/> when set, else the surface text.</summary>
    public ReadOnlySpan<char> NormText => Data.Norm is { } n ? n.AsSpan() : Text;
    public TokenKind Kind => Data.Kind;
    public Upos Pos => Data.Pos;
    public string? Tag => Data.Tag;
    public string? Lemma => Data.Lemma;
    public int Head => Data.Head;
    public string? Relation => Data.Relation;
    /// <summary>The orthographic shape ("Xxxxx", "dd,ddd"); computed on each call.</summary>
    public string Shape => WordShape.Of(Text);
    public bool SpaceAfter => (Data.Flags & TokenFlags.SpaceAfter) != 0;

    public override string ToString() => Text.ToString();
}
