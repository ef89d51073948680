namespace Sitrep.Extraction.Quotes;

/// <summary>
/// One quoted stretch: the positions of its opening and closing marks and its content (inside the marks, without a
/// final comma or full stop, which belong to the sentence around the quote).
/// </summary>
internal readonly record struct QuotedSpan(int Open, int Close, int Start, int End);

/// <summary>
/// Finds double-quoted stretches by one scan over the characters: straight and curly marks, quotes that run over
/// several paragraphs (no closing mark at a paragraph's end, an opening mark at the next one's start), single quotes
/// and apostrophes ignored (they live inside the outer quote), inch marks (<c>5'11"</c>) skipped.
/// </summary>
internal static class QuoteMarks
{
    /// <summary>A stretch longer than this is a stray mark, not a quotation.</summary>
    private const int MaxQuoteLength = 4000;

    public static void Find(string text, List<QuotedSpan> found)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '“' || c == '"' && IsOpeningStraight(text, i))
            {
                int close = FindClose(text, i);
                if (close > i)
                {
                    var (start, end) = Content(text, i + 1, close);
                    if (end > start) found.Add(new QuotedSpan(i, close, start, end));
                    i = close + 1;
                    continue;
                }
            }
            i++;
        }
    }

    private static int FindClose(string text, int open)
    {
        bool curly = text[open] == '“';
        int limit = Math.Min(text.Length, open + MaxQuoteLength);
        for (int j = open + 1; j < limit; j++)
        {
            char c = text[j];
            if (curly ? c == '”' || c == '"' && j > 0 && !char.IsWhiteSpace(text[j - 1]) : c == '"' || c == '”')
            {
                if (c == '"' && IsInchMark(text, j)) continue;
                return j;
            }
            if (c == '\n')
            {
                // A paragraph break: the quote goes on only when the next paragraph re-opens it.
                int k = j + 1;
                while (k < text.Length && text[k] is ' ' or '\t' or '\r') k++;
                if (k >= text.Length || text[k] != '\n') continue;
                while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
                if (k < text.Length && (text[k] == '“' || text[k] == '"')) { j = k; continue; }
                return -1;
            }
        }
        return -1;
    }

    private static bool IsOpeningStraight(string text, int i)
    {
        if (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1])) return false;
        if (i == 0) return true;
        char p = text[i - 1];
        return char.IsWhiteSpace(p) || p is '(' or '[' or '—' or '–' or '-' or ':' or '/';
    }

    /// <summary>5'11" or 12": digits after a foot mark, or a bare number not inside words.</summary>
    private static bool IsInchMark(string text, int j)
    {
        int k = j - 1;
        while (k >= 0 && char.IsAsciiDigit(text[k])) k--;
        if (k == j - 1) return false;
        return k >= 0 && (text[k] == '\'' || text[k] == '′');
    }

    private static (int Start, int End) Content(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start && text[end - 1] is ',' or '.') end--;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return (start, end);
    }
}
