namespace Sitrep;

/// <summary>Universal POS tags (UD v2). <see cref="None"/> means "not tagged yet".</summary>
public enum Upos : byte
{
    None = 0,
    ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X,
}

public static class UposNames
{
    private static readonly string[] Names = Enum.GetNames<Upos>();

    public static string ToName(this Upos tag) => Names[(int)tag];

    public static bool TryParse(ReadOnlySpan<char> text, out Upos tag)
    {
        for (int i = 1; i < Names.Length; i++)
        {
            if (text.SequenceEqual(Names[i])) { tag = (Upos)i; return true; }
        }
        tag = Upos.None;
        return false;
    }
}
