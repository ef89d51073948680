using System.Buffers;
using System.Globalization;

namespace Sitrep.Extraction.Time;

/// <summary>
/// Finds time expressions and normalizes them to TIMEX3 (type, value, mod) against the publication date,
/// in the manner of HeidelTime's news domain: the document creation time is the reference for every
/// relative expression, and the tense of the nearest verb decides which way an underspecified weekday
/// or month points ("said Tuesday" is the previous Tuesday). Each token is classified once through
/// <see cref="TimeLexicon"/>; the grammar then walks the classes, never the strings.
/// Without a publication date, relative expressions keep TIMEX3's underspecified forms (XXXX-XX-XX, XXXX-WXX).
/// </summary>
public sealed class TimeTagger : IStage
{
    private readonly TimeLexicon _lexicon;

    public TimeTagger() : this(TimeLexicon.English()) { }

    public TimeTagger(TimeLexicon lexicon) => _lexicon = lexicon;

    public string Name => "times";
    public IReadOnlyList<string> Requires => [Layers.Tokens, Layers.Sentences];
    public IReadOnlyList<string> Produces => [Layers.Times];

    public void Process(Document document)
    {
        var tokens = document.Tokens;
        if (tokens.IsEmpty) return;
        var lex = ArrayPool<TimeLex>.Shared.Rent(tokens.Length);
        try
        {
            var classes = lex.AsSpan(0, tokens.Length);
            Classify(document.Text, tokens, classes);
            DateTime? dct = document.Metadata.Published is { } published ? published.DateTime.Date : null;
            var scan = new TimeScan(document, tokens, classes, dct);
            if (document.Sentences.Count == 0) scan.Range(0, tokens.Length);
            foreach (var sentence in document.Sentences) scan.Range(sentence.TokenStart, sentence.TokenEnd);
        }
        finally
        {
            ArrayPool<TimeLex>.Shared.Return(lex);
        }
    }

    private void Classify(string text, ReadOnlySpan<TokenData> tokens, Span<TimeLex> classes)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            ref readonly var t = ref tokens[i];
            var word = t.Norm is { } norm ? norm.AsSpan() : text.AsSpan(t.Start, t.Length);
            classes[i] = ClassifyWord(word);
        }
    }

    private TimeLex ClassifyWord(ReadOnlySpan<char> word)
    {
        char c = word[0];
        if (char.IsAsciiDigit(c)) return ClassifyDigits(word);
        // Most punctuation and symbols are no part of the grammar; skip the lookup for them.
        if (!char.IsLetter(c) && c is not ('\'' or '\u2019' or ',' or '-' or '\u2013')) return default;
        if (c is '\'' or '\u2019')
        {
            // '90s: a decade of the twentieth century, the only reading news gives it.
            if (word.Length == 4 && char.IsAsciiDigit(word[1]) && char.IsAsciiDigit(word[2]) && word[3] == 's')
                return new TimeLex(TimeWord.Decade, 190 + (word[1] - '0'));
            return _lexicon.TryGet(word, out var clitic) ? clitic : default;
        }
        if (_lexicon.TryGet(word, out var lex)) return lex;
        if (word.Length > 4 && word.StartsWith("mid-", StringComparison.OrdinalIgnoreCase))
        {
            var rest = ClassifyWord(word[4..]);
            if (rest.Kind is TimeWord.Digits or TimeWord.Decade or TimeWord.Month or TimeWord.PartOfDay or TimeWord.Season or TimeWord.Weekday)
                return rest with { Mid = true };
        }
        return default;
    }

    private static TimeLex ClassifyDigits(ReadOnlySpan<char> word)
    {
        int k = 0, value = 0;
        while (k < word.Length && char.IsAsciiDigit(word[k]))
        {
            if (k < 9) value = value * 10 + (word[k] - '0');
            k++;
        }
        if (k == word.Length) return k <= 9 ? new TimeLex(TimeWord.Digits, value, k) : default;
        var rest = word[k..];
        if (k == 4 && rest is "s" or "'s") return new TimeLex(TimeWord.Decade, value / 10);
        if (k <= 2 && rest.Length == 2 && (rest.Equals("st", StringComparison.OrdinalIgnoreCase) || rest.Equals("nd", StringComparison.OrdinalIgnoreCase)
            || rest.Equals("rd", StringComparison.OrdinalIgnoreCase) || rest.Equals("th", StringComparison.OrdinalIgnoreCase)))
            return new TimeLex(TimeWord.Ordinal, value);
        if (k <= 2 && rest.Length == 3 && rest[0] == ':' && char.IsAsciiDigit(rest[1]) && char.IsAsciiDigit(rest[2]))
        {
            int minute = (rest[1] - '0') * 10 + (rest[2] - '0');
            return value <= 24 && minute < 60 ? new TimeLex(TimeWord.Clock, value * 100 + minute) : default;
        }
        return NumericDate(word, out int date) ? new TimeLex(TimeWord.NumericDate, date) : default;
    }

    /// <summary>2016-10-27, 10/27/2016 (US order, as in the English news this reads) and 10/27/16.</summary>
    private static bool NumericDate(ReadOnlySpan<char> word, out int date)
    {
        date = 0;
        Span<int> parts = stackalloc int[3];
        Span<int> widths = stackalloc int[3];
        int part = 0;
        char separator = '\0';
        for (int k = 0; k < word.Length; k++)
        {
            char c = word[k];
            if (char.IsAsciiDigit(c))
            {
                parts[part] = parts[part] * 10 + (c - '0');
                if (++widths[part] > 4) return false;
            }
            else if ((c == '-' || c == '/') && (separator == '\0' || separator == c) && part < 2 && widths[part] > 0)
            {
                separator = c;
                part++;
            }
            else return false;
        }
        if (part != 2 || widths[2] == 0) return false;
        int y, m, d;
        if (separator == '-' && widths[0] == 4) (y, m, d) = (parts[0], parts[1], parts[2]);
        else if (separator == '/' && widths[2] is 4 or 2) (y, m, d) = (widths[2] == 2 ? 1900 + parts[2] + (parts[2] < 50 ? 100 : 0) : parts[2], parts[0], parts[1]);
        else return false;
        if (m is < 1 or > 12 || d < 1 || y < 1000 || y > 2999 || d > DateTime.DaysInMonth(y, m)) return false;
        date = y * 10000 + m * 100 + d;
        return true;
    }
}
