namespace Sitrep;

/// <summary>Orthographic shape of a word as spaCy writes it: "Mosul" → "Xxxxx", "30,000" → "dd,ddd", "U.S." → "X.X.".
/// Runs of more than four of the same class are cut to four ("Washington" → "Xxxxx").</summary>
public static class WordShape
{
    public static string Of(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        int n = 0, run = 0;
        char last = '\0';
        foreach (char c in word)
        {
            char s = char.IsUpper(c) ? 'X' : char.IsLetter(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            run = s == last ? run + 1 : 1;
            last = s;
            if (run <= 4) buffer[n++] = s;
        }
        return new string(buffer[..n]);
    }
}
