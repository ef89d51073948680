using System.Runtime.CompilerServices;

namespace Sitrep.Text.Tokenization;

/// <summary>
/// Rule-based tokenizer following UD English EWT conventions: clitics split ('s, n't, 're…),
/// hyphenated compounds split except after common prefixes (e-mail, non-, pre-), numbers with
/// separators kept (30,000 · 3.5 · 10:30), abbreviations keep their period (U.S., Nov., Mr.),
/// URLs and e-mail addresses kept whole. One pass over the text, no regular expressions.
/// </summary>
public sealed class Tokenizer : IStage
{
    private readonly TokenizerLexicon _lexicon;

    public Tokenizer() : this(TokenizerLexicon.English()) { }

    public Tokenizer(TokenizerLexicon lexicon) => _lexicon = lexicon;

    public string Name => "tokenizer";
    public IReadOnlyList<string> Requires => [];
    public IReadOnlyList<string> Produces => [Layers.Tokens];

    public void Process(Document document)
    {
        document.ClearTokens();
        document.EnsureTokenCapacity(document.Text.Length / 4 + 16);
        var text = document.Text;
        // Only text with typographic quotes needs per-token normalization (one vectorized scan decides).
        var emit = new Emitter(document, text.AsSpan().IndexOfAnyInRange('\u2018', '\u201D') >= 0);
        int i = 0, n = text.Length;
        while (i < n)
        {
            // Whitespace between chunks: count line breaks to mark lines and paragraphs.
            int newlines = 0;
            bool space = false;
            while (i < n && IsSpace(text[i]))
            {
                if (text[i] == '\n') newlines++;
                space = true;
                i++;
            }
            if (space) emit.MarkSpace(newlines);
            if (i >= n) break;
            int end = i + 1;
            while (end < n && !IsSpace(text[end])) end++;
            TokenizeChunk(text, i, end, emit);
            i = end;
        }
    }

    /// <summary>Tokenizes a whitespace-free chunk [start, end).</summary>
    private void TokenizeChunk(string text, int start, int end, in Emitter emit)
    {
        if (end - start <= 4 && text[start] is ':' or ';' or '<' or '^' or '-' && _lexicon.IsEmoticon(text.AsSpan(start, end - start)))
        {
            emit.Add(start, end, TokenKind.Symbol);
            return;
        }
        int pos = start;
        bool hasAt = text.AsSpan(start, end - start).Contains('@');
        while (pos < end)
        {
            char c = text[pos];
            if (IsWordChar(c))
            {
                int urlEnd = c is 'h' or 'H' or 'w' or 'W' or 'f' or 'F' ? MatchUrl(text, pos, end) : -1;
                if (urlEnd > pos) { emit.Add(pos, urlEnd, TokenKind.Url); pos = urlEnd; continue; }
                int mailEnd = hasAt ? MatchEmail(text, pos, end) : -1;
                if (mailEnd > pos) { emit.Add(pos, mailEnd, TokenKind.Email); pos = mailEnd; continue; }
                pos = Word(text, pos, end, emit);
                continue;
            }
            if ((c == '\'' || c == '\u2019') && pos + 1 < end && IsLetter(text[pos + 1]))
            {
                // A detached clitic ("'s", "'re") or a leading elision ("'90s", "'em") is part of the word.
                int wordEnd = ScanWord(text, pos + 1, end);
                if (_lexicon.IsClitic(text.AsSpan(pos, wordEnd - pos)) || IsDigit(text[pos + 1]))
                {
                    emit.Add(pos, wordEnd, TokenKind.Word);
                    pos = wordEnd;
                    continue;
                }
            }
            if ((c == '\'' || c == '\u2019') && pos + 1 < end && IsDigit(text[pos + 1]))
            {
                int wordEnd = ScanWord(text, pos + 1, end);
                emit.Add(pos, wordEnd, TokenKind.Number);
                pos = wordEnd;
                continue;
            }
            // Punctuation and symbols: a run of the same mark is one token ("...", "--", "!!!").
            int p = pos + 1;
            if (char.IsHighSurrogate(c) && p < end && char.IsLowSurrogate(text[p])) p++;
            else if (IsQuoteMark(c)) while (p < end && IsQuoteMark(text[p]) && (text[p] == c || c is not ('"' or '\u201C' or '\u201D'))) p++;
            else if (c is '?' or '!' or '.') while (p < end && text[p] is '?' or '!' or '.') p++;
            else if (IsRepeatable(c)) while (p < end && text[p] == c) p++;
            emit.Add(pos, p, char.IsPunctuation(c) ? TokenKind.Punctuation : TokenKind.Symbol);
            pos = p;
        }
    }

    /// <summary>Scans a word at <paramref name="start"/>, splits hyphens and clitics, emits the pieces, returns its end.</summary>
    private int Word(string text, int start, int end, in Emitter emit)
    {
        int j = ScanWord(text, start, end);
        var word = text.AsSpan(start, j - start);
        // A period after the word belongs to it for abbreviations, initials and dotted forms (U.S., Nov., M.).
        if (j < end && text[j] == '.' && !(j + 1 < end && text[j + 1] == '.'))
        {
            if (word.Contains('.') && IsLetter(word[^1]) || word.Length == 1 && IsLetter(word[0]) || _lexicon.IsAbbreviation(word))
                j++;
        }
        SplitWord(text, start, j, emit);
        return j;
    }

    /// <summary>The end of a run of word characters with the connectors words and numbers may hold inside.</summary>
    private static int ScanWord(string text, int start, int end)
    {
        int j = start;
        while (true)
        {
            while (j < end && IsWordChar(text[j])) j++;
            if (j + 1 >= end) return j;
            char c = text[j];
            char before = text[j - 1], after = text[j + 1];
            bool join = c switch
            {
                '.' => IsLetterOrDigit(after) && IsLetterOrDigit(before),
                ',' => IsDigit(before) && IsDigitGroup(text, j + 1, end),
                ':' or '/' => IsDigit(before) && IsDigit(after),
                '\'' or '\u2019' => IsLetter(before) && IsLetter(after),
                '-' or '\u2010' => IsLetterOrDigit(before) && IsLetterOrDigit(after),
                '_' => IsLetterOrDigit(before) && IsLetterOrDigit(after),
                '&' => char.IsUpper(before) && char.IsUpper(after),
                _ => false,
            };
            if (!join) return j;
            j++;
        }
    }

    /// <summary>Three digits not followed by a fourth: the group after a thousands comma.</summary>
    private static bool IsDigitGroup(string text, int i, int end) =>
        i + 2 < end && IsDigit(text[i]) && IsDigit(text[i + 1]) && IsDigit(text[i + 2]) && (i + 3 >= end || !IsDigit(text[i + 3]));

    private void SplitWord(string text, int start, int end, in Emitter emit)
    {
        int pieceStart = start;
        for (int k = start + 1; k < end - 1; k++)
        {
            char c = text[k];
            if (c != '-' && c != '\u2010') continue;
            if (KeepHyphen(text, pieceStart, k, end)) continue;
            EmitWithClitics(text, pieceStart, k, emit);
            emit.Add(k, k + 1, TokenKind.Punctuation);
            pieceStart = k + 1;
        }
        EmitWithClitics(text, pieceStart, end, emit);
    }

    private bool KeepHyphen(string text, int left, int hyphen, int end)
    {
        var prefix = text.AsSpan(left, hyphen - left);
        if (_lexicon.IsHyphenPrefix(prefix)) return true;
        // Phone and code numbers stay whole (713-853-3989, 646-8420); ranges and measures split (15-year, 1990-91).
        if (!IsDigitsAndHyphens(prefix)) return false;
        if (prefix.Contains('-')) return true;
        int r = hyphen + 1;
        while (r < end && IsDigit(text[r])) r++;
        int rightLength = r - hyphen - 1;
        // Phone and account numbers (646-8420, 600-480) stay whole; year ranges (1969-1970) and small ranges (3-2) split.
        if (r < end && (text[r] == '-' || text[r] == '\u2010') && rightLength > 0) return true;
        return prefix.Length >= 3 && rightLength >= 3 && !(prefix.Length == 4 && rightLength == 4 && IsYear(prefix) && IsYear(text.AsSpan(hyphen + 1, 4)));
    }

    private void EmitWithClitics(string text, int start, int end, in Emitter emit)
    {
        var word = text.AsSpan(start, end - start);
        int split = _lexicon.CliticSplit(word);
        if (split > 0)
        {
            emit.Add(start, start + split, TokenKind.Word, insideWord: true);
            emit.Add(start + split, end, TokenKind.Word);
            return;
        }
        emit.Add(start, end, IsDigit(word[0]) ? TokenKind.Number : TokenKind.Word);
    }

    private static int MatchUrl(string text, int pos, int end)
    {
        var s = text.AsSpan(pos, end - pos);
        if (!(s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
              || s.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && s.Length > 6))
            return -1;
        return pos + TrimTrailingPunctuation(s);
    }

    private static int MatchEmail(string text, int pos, int end)
    {
        int at = -1, j = pos;
        for (; j < end; j++)
        {
            char c = text[j];
            if (c == '@') { if (at >= 0) return -1; at = j; continue; }
            if (!(IsLetterOrDigit(c) || c is '.' or '-' or '_' or '+' or '%')) break;
        }
        if (at <= pos) return -1;
        int stop = pos + TrimTrailingPunctuation(text.AsSpan(pos, j - pos));
        var domain = text.AsSpan(at + 1, Math.Max(0, stop - at - 1));
        // Internal mail addresses name a host in capitals without a dot (Kay Mann@ENRON, Ben Jacoby@ECT).
        if (domain.Length >= 2 && IsUpperName(domain)) return stop;
        int dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 2 && IsLetter(domain[^1]) ? stop : -1;
    }

    private static int TrimTrailingPunctuation(ReadOnlySpan<char> s)
    {
        int len = s.Length;
        while (len > 0 && s[len - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '"' or '\'' or '\u2019' or '\u201D' or '>')
        {
            // Keep a closing parenthesis that has its opening one inside the URL (Wikipedia links).
            if (s[len - 1] == ')' && s[..(len - 1)].Contains('(')) break;
            len--;
        }
        return len;
    }

    private static bool IsUpperName(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (!(c is >= 'A' and <= 'Z' or '_' || IsDigit(c))) return false;
        return (uint)(s[0] - 'A') <= 'Z' - 'A';
    }

    private static bool IsYear(ReadOnlySpan<char> s) => s[0] == '1' && s[1] is '7' or '8' or '9' || s[0] == '2' && s[1] == '0';

    private static bool IsDigitsAndHyphens(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !IsDigit(s[0])) return false;
        foreach (char c in s) if (!IsDigit(c) && c != '-' && c != '\u2010') return false;
        return true;
    }

    /// <summary>Doubled single quotes (’’, ‘’, '') stand for one double quote, as UD keeps them.</summary>
    private static bool IsQuoteMark(char c) => c is '\'' or '\u2018' or '\u2019' or '`';

    private static bool IsRepeatable(char c) => c is '.' or '-' or '!' or '?' or '*' or '=' or '_' or '~' or '#' or '/' or '\\' or '+' or '<' or '>' or '\u2014' or '\u2013';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsSpace(char c) => c <= ' ' ? c is ' ' or '\n' or '\t' or '\r' or '\f' or '\v' : c >= '\u0085' && (char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetter(char c) => c < 128 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' : char.IsLetter(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetterOrDigit(char c) => IsDigit(c) || IsLetter(c);

    /// <summary>Letters, digits and combining marks make up words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c)
    {
        if (c < 128) return IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'z' - 'a';
        if (char.IsLetterOrDigit(c)) return true;
        var cat = char.GetUnicodeCategory(c);
        return cat is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Appends tokens and the whitespace flags of the previous token.</summary>
    private readonly struct Emitter(Document document, bool typographic)
    {
        public void MarkSpace(int newlines)
        {
            if (document.TokenCount == 0) return;
            ref var last = ref document.TokenAt(document.TokenCount - 1);
            last.Flags |= TokenFlags.SpaceAfter;
            if (newlines >= 1) last.Flags |= TokenFlags.NewlineAfter;
            if (newlines >= 2) last.Flags |= TokenFlags.ParagraphAfter;
        }

        public void Add(int start, int end, TokenKind kind, bool insideWord = false)
        {
            var flags = insideWord ? TokenFlags.InsideWord : TokenFlags.None;
            document.AddToken(start, end - start, kind, flags, typographic ? Normalize(document.Text.AsSpan(start, end - start)) : null);
        }

        /// <summary>Typographic quotes and apostrophes normalized to ASCII for the models; null when nothing changes.</summary>
        private static string? Normalize(ReadOnlySpan<char> s)
        {
            if (s.IndexOfAnyInRange('\u2018', '\u201D') < 0) return null;
            Span<char> buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
            for (int i = 0; i < s.Length; i++)
                buffer[i] = s[i] switch { '\u2018' or '\u2019' => '\'', '\u201C' or '\u201D' => '"', var c => c };
            return new string(buffer);
        }
    }
}
