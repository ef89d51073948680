using System.Text;

namespace Sitrep.Ingest;

/// <summary>
/// Normalizes decoded text before any document is built, so that every offset later points into the final text.
/// Line breaks (CRLF, CR, NEL, U+2028) become "\n", U+2029 becomes a blank line, whitespace at line ends is dropped,
/// runs of blank lines collapse to one (so a paragraph break is always exactly "\n\n") and the whole text is trimmed. Unicode is deliberately NOT NFC-normalized: the project runs with
/// InvariantGlobalization, where <see cref="string.Normalize()"/> leaves non-ASCII text unchanged, so calling it would
/// only pretend; news text is almost always precomposed already.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        int trailingWhitespaceStart = -1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    NewLine(sb, ref trailingWhitespaceStart);
                    break;
                case '\n' or '\u0085' or '\u2028':
                    NewLine(sb, ref trailingWhitespaceStart);
                    break;
                case '\u2029':
                    NewLine(sb, ref trailingWhitespaceStart);
                    NewLine(sb, ref trailingWhitespaceStart);
                    break;
                case '\uFEFF':
                    // A stray BOM (e.g. from concatenated files) is invisible and only breaks matching.
                    break;
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        if (trailingWhitespaceStart < 0) trailingWhitespaceStart = sb.Length;
                    }
                    else
                    {
                        trailingWhitespaceStart = -1;
                    }
                    sb.Append(c);
                    break;
            }
        }
        if (trailingWhitespaceStart >= 0) sb.Length = trailingWhitespaceStart;

        int start = 0;
        while (start < sb.Length && char.IsWhiteSpace(sb[start])) start++;
        // Only leading blank lines and indentation remain to trim: trailing whitespace was dropped above.
        int end = sb.Length;
        while (end > start && sb[end - 1] == '\n') end--;
        return sb.ToString(start, end - start);
    }

    private static void NewLine(StringBuilder sb, ref int trailingWhitespaceStart)
    {
        if (trailingWhitespaceStart >= 0) sb.Length = trailingWhitespaceStart;
        trailingWhitespaceStart = -1;
        if (sb.Length >= 2 && sb[^1] == '\n' && sb[^2] == '\n') return;
        sb.Append('\n');
    }
}
