using System.Text;

namespace Sitrep.Text.Formats;

/// <summary>
/// Builds a <see cref="Document"/> from gold CoNLL-U sentences (gold tokenization), one token per syntactic word.
/// </summary>
/// <remarks>
/// Sentence text is the `# text` comment when the word and multiword forms can be found in it in order
/// (only whitespace between them); otherwise the surface units joined by one space, honoring SpaceAfter=No.
/// Sentences are joined with "\n". Words of a multiword token get sub-offsets when their forms concatenate to
/// the surface form exactly (EWT: "don't" = "do" + "n't"); otherwise every word shares the whole multiword
/// span and carries its form in <see cref="TokenData.Norm"/>, so <see cref="Token.NormText"/> is always the word form.
/// </remarks>
public static class ConlluDocument
{
    public static Document FromSentence(ConlluSentence sentence, bool withGold = false) => FromSentences([sentence], withGold);

    /// <summary>One document holding all <paramref name="sentences"/>; with <paramref name="withGold"/> the gold POS, lemma and tree are copied too.</summary>
    public static Document FromSentences(IReadOnlyList<ConlluSentence> sentences, bool withGold = false)
    {
        var sb = new StringBuilder();
        var spans = new List<(int Start, int End, string? Norm, bool SpaceAfter)>[sentences.Count];
        var sentenceSpans = new (int Start, int End)[sentences.Count];
        int total = 0;
        for (int si = 0; si < sentences.Count; si++)
        {
            if (si > 0) sb.Append('\n');
            int baseOffset = sb.Length;
            var s = sentences[si];
            var list = new List<(int, int, string?, bool)>(s.Words.Count);
            if (s.Text is { } text && TryAlign(s, text, baseOffset, list))
                sb.Append(text);
            else
            {
                list.Clear();
                sb.Append(Join(s, baseOffset, list));
            }
            spans[si] = list;
            sentenceSpans[si] = (baseOffset, sb.Length);
            total += list.Count;
        }

        var doc = new Document(sb.ToString());
        doc.EnsureTokenCapacity(Math.Max(total, 1));
        int tokenBase = 0;
        for (int si = 0; si < sentences.Count; si++)
        {
            var s = sentences[si];
            var list = spans[si];
            for (int i = 0; i < list.Count; i++)
            {
                var (start, end, norm, spaceAfter) = list[i];
                var w = s.Words[i];
                var flags = (spaceAfter ? TokenFlags.SpaceAfter : TokenFlags.None) | (i == 0 ? TokenFlags.SentenceStart : TokenFlags.None);
                var t = new TokenData(start, end - start, KindOf(w.Form), flags, norm);
                if (withGold)
                {
                    t.Pos = w.UposTag;
                    t.Tag = w.Xpos;
                    t.Lemma = w.Lemma;
                    t.Head = w.Head > 0 ? tokenBase + w.Head - 1 : -1;
                    t.Relation = w.Deprel;
                }
                doc.AddToken(t);
            }
            doc.AddSentence(new Sentence(sentenceSpans[si].Start, sentenceSpans[si].End, tokenBase, tokenBase + list.Count));
            tokenBase += list.Count;
        }
        return doc;
    }

    private static TokenKind KindOf(string form)
    {
        char c = form[0];
        if (char.IsLetter(c)) return TokenKind.Word;
        if (char.IsDigit(c)) return TokenKind.Number;
        if (char.IsPunctuation(c)) return TokenKind.Punctuation;
        if (char.IsSymbol(c)) return TokenKind.Symbol;
        return TokenKind.Other;
    }

    private static bool TryAlign(ConlluSentence s, string text, int baseOffset, List<(int, int, string?, bool)> list)
    {
        int p = 0;
        for (int i = 0; i < s.Words.Count;)
        {
            while (p < text.Length && char.IsWhiteSpace(text[p])) p++;
            var mwt = s.MultiwordStartingAt(i + 1);
            string unit = mwt?.Form ?? s.Words[i].Form;
            if (!text.AsSpan(p).StartsWith(unit, StringComparison.Ordinal)) return false;
            if (mwt is null)
            {
                list.Add((baseOffset + p, baseOffset + p + unit.Length, null, s.Words[i].SpaceAfter));
                i++;
            }
            else
            {
                AddMultiword(s, mwt, baseOffset + p, list);
                i = mwt.Last;
            }
            p += unit.Length;
        }
        while (p < text.Length && char.IsWhiteSpace(text[p])) p++;
        return p == text.Length;
    }

    private static string Join(ConlluSentence s, int baseOffset, List<(int, int, string?, bool)> list)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < s.Words.Count;)
        {
            var mwt = s.MultiwordStartingAt(i + 1);
            string unit = mwt?.Form ?? s.Words[i].Form;
            bool space = mwt?.SpaceAfter ?? s.Words[i].SpaceAfter;
            if (mwt is null)
            {
                list.Add((baseOffset + sb.Length, baseOffset + sb.Length + unit.Length, null, space));
                i++;
            }
            else
            {
                AddMultiword(s, mwt, baseOffset + sb.Length, list);
                i = mwt.Last;
            }
            sb.Append(unit);
            if (space && i < s.Words.Count) sb.Append(' ');
        }
        return sb.ToString();
    }

    private static void AddMultiword(ConlluSentence s, ConlluMultiword mwt, int start, List<(int, int, string?, bool)> list)
    {
        int len = 0;
        for (int k = mwt.First; k <= mwt.Last; k++) len += s.Words[k - 1].Form.Length;
        bool concatenates = len == mwt.Form.Length;
        if (concatenates)
        {
            int off = 0;
            for (int k = mwt.First; k <= mwt.Last && concatenates; k++)
            {
                var f = s.Words[k - 1].Form;
                concatenates = string.CompareOrdinal(mwt.Form, off, f, 0, f.Length) == 0;
                off += f.Length;
            }
        }
        int pos = start;
        for (int k = mwt.First; k <= mwt.Last; k++)
        {
            var f = s.Words[k - 1].Form;
            bool last = k == mwt.Last;
            if (concatenates)
            {
                list.Add((pos, pos + f.Length, null, last && mwt.SpaceAfter));
                pos += f.Length;
            }
            else list.Add((start, start + mwt.Form.Length, f, last && mwt.SpaceAfter));
        }
    }
}
