namespace Sitrep;

/// <summary>
/// The stored data of one token. Offsets are UTF-16 code units into <see cref="Document.Text"/>.
/// Later stages fill <see cref="Pos"/>, <see cref="Tag"/>, <see cref="Lemma"/>, <see cref="Head"/>, <see cref="Relation"/>.
/// </summary>
public struct TokenData
{
    public int Start;
    public int Length;
    public TokenKind Kind;
    public TokenFlags Flags;
    public Upos Pos;
    /// <summary>Normalized form when it differs from the surface (curly quotes, "n’t" → "n't"); null when identical.</summary>
    public string? Norm;
    /// <summary>Language-specific tag (PTB XPOS for English).</summary>
    public string? Tag;
    public string? Lemma;
    /// <summary>Index of the head token within the document, or -1 for the sentence root / not parsed.</summary>
    public int Head;
    public string? Relation;

    public TokenData(int start, int length, TokenKind kind, TokenFlags flags, string? norm = null)
    {
        Start = start;
        Length = length;
        Kind = kind;
        Flags = flags;
        Norm = norm;
        Head = -1;
    }

    public readonly int End => Start + Length;
}
