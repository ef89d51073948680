namespace Sitrep.Extraction.Places;

/// <summary>
/// The lookup key of a place name: lower-case ASCII letters and digits, with diacritics folded by a small table
/// (the project runs with InvariantGlobalization, so no Unicode normalization), separators and apostrophes dropped,
/// the Arabic article and "the" dropped before another word ("Ar-Raqqah", "Al Raqqah" → "raqa"), "St"/"Ste"/"Mt"
/// expanded, doubled letters collapsed and a final 'h' dropped ("Raqqa" → "raqa"). Gazetteer names and text spans
/// go through the same function, so the key is a family of spellings, not a display form.
/// </summary>
public static class PlaceNameKey
{
    public const int MaxLength = 96;

    // Latin-1 Supplement U+00C0–U+00FF, lower-cased and folded; '\0' = drop.
    private const string Latin1 = "aaaaaaaceeeeiiiidnooooo\0ouuuuytsaaaaaaaceeeeiiiidnooooo\0ouuuuyty";
    // Latin Extended-A U+0100–U+017F.
    private const string ExtendedA = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    // Latin Extended Additional U+1E00–U+1E95 in (upper, lower) pairs: the base letter of each pair.
    private const string ExtendedAdditional = "abbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopprrrrsssssttttuuuuuvvwwwwwxxyzzz";
    // U+1EA0–U+1EF9 (Vietnamese) in pairs.
    private const string Vietnamese = "aaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy";

    /// <summary>Folds one character to its base letter (lower case), or '\0' when it carries no letter (marks, punctuation).</summary>
    public static char FoldChar(char c)
    {
        if (c < 0x80)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') return c;
            if (c is >= 'A' and <= 'Z') return (char)(c + 32);
            return '\0';
        }
        if (c is >= '\u00C0' and <= '\u00FF') return Latin1[c - 0xC0];
        if (c is >= '\u0100' and <= '\u017F') return ExtendedA[c - 0x100];
        if (c is >= '\u1E00' and <= '\u1E95') return ExtendedAdditional[(c - 0x1E00) >> 1];
        if (c is >= '\u1EA0' and <= '\u1EF9') return Vietnamese[(c - 0x1EA0) >> 1];
        switch (c)
        {
            case '\u0218' or '\u0219': return 's';
            case '\u021A' or '\u021B': return 't';
            case '\u01A0' or '\u01A1': return 'o';
            case '\u01AF' or '\u01B0': return 'u';
            case '\u01CD' or '\u01CE': return 'a';
            case '\u01CF' or '\u01D0': return 'i';
            case >= '\u01D1' and <= '\u01D2': return 'o';
            case >= '\u01D3' and <= '\u01DC': return 'u';
            case '\u0131': return 'i';
            case '\u0259' or '\u018F': return 'a';
        }
        if (char.IsLetter(c)) return char.ToLowerInvariant(c);
        return '\0';
    }

    /// <summary>True for characters that end a word: space, hyphen, dash, period, comma, slash, apostrophes and ayn/hamza marks.</summary>
    private static bool IsSeparator(char c) =>
        c is ' ' or '-' or '\u2010' or '\u2011' or '\u2013' or '\u2014' or '.' or ',' or '/' or '\'' or '\u2018' or '\u2019'
            or '\u02BB' or '\u02BC' or '\u02BE' or '\u02BF' or '`' or '\u00B4' or '(' or ')' or '\t' or '\n' or '\u00A0';

    /// <summary>Writes the key of <paramref name="name"/> into <paramref name="output"/> (at least <see cref="MaxLength"/>); returns its length (0 when nothing is left).</summary>
    public static int Write(ReadOnlySpan<char> name, Span<char> output)
    {
        int length = 0, wordStart = 0, previousWordStart = -1, previousWordLength = 0;
        bool inWord = false;
        for (int i = 0; i <= name.Length; i++)
        {
            char c = i < name.Length ? name[i] : ' ';
            if (IsSeparator(c))
            {
                if (!inWord) continue;
                inWord = false;
                var word = output.Slice(wordStart, length - wordStart);
                // A word that is only an article is dropped once another word follows it.
                if (previousWordStart >= 0 && IsArticle(output.Slice(previousWordStart, previousWordLength)))
                {
                    word.CopyTo(output[previousWordStart..]);
                    length = previousWordStart + word.Length;
                    wordStart = previousWordStart;
                    word = output.Slice(wordStart, word.Length);
                }
                length = wordStart + Expand(word, output[wordStart..]);
                previousWordStart = wordStart;
                previousWordLength = length - wordStart;
                continue;
            }
            char f = FoldChar(c);
            if (f == '\0') continue;
            if (!inWord) { inWord = true; wordStart = length; }
            if (length >= MaxLength - 8) break;
            output[length++] = f;
        }
        // Collapse doubled letters, then drop a final 'h' after a vowel ("Raqqah" = "Raqqa", "Sanaa" = "Sana").
        int w = 0;
        for (int r = 0; r < length; r++)
            if (w == 0 || output[r] != output[w - 1]) output[w++] = output[r];
        if (w > 3 && output[w - 1] == 'h' && output[w - 2] is 'a' or 'e' or 'i' or 'o' or 'u') w--;
        return w;
    }

    public static string Of(ReadOnlySpan<char> name)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..Write(name, buffer)]);
    }

    private static bool IsArticle(ReadOnlySpan<char> w) =>
        w is "al" or "el" or "ar" or "as" or "az" or "at" or "ad" or "an" or "ash" or "ath" or "adh" or "ed" or "es" or "ez" or "er" or "the";

    private static int Expand(ReadOnlySpan<char> word, Span<char> output)
    {
        string? replacement = word switch { "st" => "saint", "ste" => "sainte", "mt" => "mount", "ft" => "fort", _ => null };
        if (replacement is null) return word.Length;
        replacement.AsSpan().CopyTo(output);
        return replacement.Length;
    }
}
