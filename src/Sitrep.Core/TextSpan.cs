namespace Sitrep;

/// <summary>A half-open range [Start, End) of UTF-16 code units in <see cref="Document.Text"/>.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
    public bool IsEmpty => End <= Start;
    public bool Contains(int offset) => offset >= Start && offset < End;
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;
    public override string ToString() => $"[{Start},{End})";
}
