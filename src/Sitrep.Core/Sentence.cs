namespace Sitrep;

/// <summary>A sentence: its character span and its token range [TokenStart, TokenEnd).</summary>
public readonly record struct Sentence(int Start, int End, int TokenStart, int TokenEnd)
{
    public TextSpan Span => new(Start, End);
    public int TokenCount => TokenEnd - TokenStart;
}
