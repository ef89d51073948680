namespace Sitrep.Text.Tokenization;

/// <summary>
/// Splits the token stream into sentences: after terminal punctuation (with the closing quotes and
/// brackets that follow it), never after titles and initials, after other abbreviations only before a
/// typical sentence opener, at paragraph breaks and region boundaries (headline, dateline, pull-quote),
/// and at line breaks that end a headline-like or all-caps line.
/// </summary>
public sealed class SentenceSplitter : IStage
{
    private readonly TokenizerLexicon _lexicon;

    /// <summary>A line without final punctuation shorter than this ends its sentence at the line break.</summary>
    public int ShortLine { get; init; } = 64;

    public SentenceSplitter() : this(TokenizerLexicon.English()) { }

    public SentenceSplitter(TokenizerLexicon lexicon) => _lexicon = lexicon;

    public string Name => "sentences";
    public IReadOnlyList<string> Requires => [Layers.Tokens];
    public IReadOnlyList<string> Produces => [Layers.Sentences];

    public void Process(Document document)
    {
        var tokens = document.Tokens;
        if (tokens.IsEmpty) return;
        var text = document.Text;
        var cuts = RegionCuts(document);
        int cut = 0;
        int sentenceStart = 0, lineStart = tokens[0].Start;
        for (int i = 0; i < tokens.Length; i++)
        {
            ref readonly var t = ref tokens[i];
            bool last = i == tokens.Length - 1;
            bool split = last;
            if (!split)
            {
                ref readonly var next = ref tokens[i + 1];
                while (cut < cuts.Count && cuts[cut] < t.End) cut++;
                split = (t.Flags & TokenFlags.ParagraphAfter) != 0
                        || cut < cuts.Count && cuts[cut] <= next.Start
                        || EndsSentence(document, tokens, i, lineStart);
            }
            if ((t.Flags & TokenFlags.NewlineAfter) != 0 && !last) lineStart = tokens[i + 1].Start;
            if (!split) continue;
            // Closing quotes and brackets glued to the end belong to this sentence.
            int end = i;
            while (end + 1 < tokens.Length && IsCloser(text, tokens, end + 1)) end++;
            tokens[sentenceStart].Flags |= TokenFlags.SentenceStart;
            document.AddSentence(new Sentence(tokens[sentenceStart].Start, tokens[end].End, sentenceStart, end + 1));
            i = end;
            sentenceStart = end + 1;
            if (!last && end + 1 < tokens.Length && (tokens[end].Flags & TokenFlags.NewlineAfter) != 0) lineStart = tokens[end + 1].Start;
        }
    }

    private static List<int> RegionCuts(Document document)
    {
        var cuts = new List<int>(document.Regions.Count * 2);
        foreach (var r in document.Regions) { cuts.Add(r.Start); cuts.Add(r.End); }
        cuts.Sort();
        return cuts;
    }

    private bool EndsSentence(Document document, Span<TokenData> tokens, int i, int lineStart)
    {
        var text = document.Text;
        ref readonly var t = ref tokens[i];
        var form = text.AsSpan(t.Start, t.Length);
        // Look past closing quotes and brackets to the token that would open the next sentence.
        int j = i + 1;
        while (j < tokens.Length && IsCloser(text, tokens, j)) j++;
        if (j >= tokens.Length) return true;
        ref readonly var next = ref tokens[j];
        bool newline = (tokens[j - 1].Flags & TokenFlags.NewlineAfter) != 0;
        char first = text[next.Start];

        if (t.Kind == TokenKind.Punctuation && IsTerminal(form))
        {
            // A spaced ellipsis or repeated marks (". . .", "? ? ?") end the sentence only after the last of them.
            if (j == i + 1 && next.Kind == TokenKind.Punctuation && IsTerminal(text.AsSpan(next.Start, next.Length))) return false;
            if (newline) return true;
            // A lower-case word after a plain full stop starts a sentence in informal text; after "...", or "?" closed by a quote, it goes on.
            if (char.IsLower(first)) return j == i + 1 && form is "." or "!" or "?";
            return first is not (',' or ';' or ':' or ')' or ']' or '}' or '-');
        }
        // A run of links, one after the other, is a list of references.
        if (t.Kind == TokenKind.Url && next.Kind == TokenKind.Url) return true;
        if (form.Length > 1 && form[^1] == '.' && t.Kind == TokenKind.Word)
        {
            if (_lexicon.IsTitle(form) || form.Length == 2) return false;
            return newline || _lexicon.IsSentenceStarter(text.AsSpan(next.Start, next.Length));
        }
        if (!newline) return false;
        // A line break after a line without final punctuation: a headline, a list item, an attribution line.
        if (!(char.IsUpper(first) || char.IsDigit(first) || first is '"' or '\u201C' or '\'' or '\u2018' or '•' or '*' or '-' or '(')) return false;
        int lineLength = t.End - lineStart;
        return lineLength < ShortLine || IsAllCaps(text.AsSpan(lineStart, lineLength));
    }

    private static bool IsTerminal(ReadOnlySpan<char> form)
    {
        foreach (char c in form)
            if (c is not ('.' or '!' or '?' or '\u2026' or '\u203D')) return false;
        return true;
    }

    /// <summary>A closing quote or bracket glued to the previous token.</summary>
    private static bool IsCloser(string text, Span<TokenData> tokens, int j)
    {
        ref readonly var t = ref tokens[j];
        if (t.Length != 1 || (tokens[j - 1].Flags & TokenFlags.SpaceAfter) != 0) return false;
        char c = text[t.Start];
        return c is ')' or ']' or '}' || IsCloseQuoteChar(c);
    }

    private static bool IsCloseQuoteChar(char c) => c is '"' or '\'' or '\u201D' or '\u2019' or '\u00BB';

    private static bool IsAllCaps(ReadOnlySpan<char> line)
    {
        int letters = 0;
        foreach (char c in line)
        {
            if (char.IsLower(c)) return false;
            if (char.IsLetter(c)) letters++;
        }
        return letters >= 3;
    }
}
