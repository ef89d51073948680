using System.Runtime.CompilerServices;
using Sitrep.Learning;

namespace Sitrep.Models;

/// <summary>Per-token hashes for the entity recognizer, computed once per sentence and combined by feature templates.</summary>
internal struct NerWord
{
    public ulong Form, Lower, Shape, S2, S3, S4, P2, P3;
    /// <summary>1 capitalized, 2 all caps, 4 has digit, 8 has hyphen, 16 first in sentence, 32 padding, 64 sentence mostly upper case, 128 has period, 256 sentence all lower case.</summary>
    public int Flags;
    /// <summary>Gazetteer mark (see <see cref="NerGazetteer.Mark"/>), 0 when none.</summary>
    public int Gaz;
    /// <summary>UPOS + 1, or 0 when POS is not used.</summary>
    public int Pos;
    /// <summary>How the word is written elsewhere in its document: 1 capitalized (not sentence-initial), 2 lower case; -1 for padding.</summary>
    public int Doc;
    /// <summary>Packed <see cref="WordClusters"/> value, 0 when the word is not in the table, -1 for padding.</summary>
    public int Cls;
    /// <summary>For a capitalized word: lower-case hashes of the first and the last word of its capitalized run ("Ministry of Foreign Affairs"), else 0.</summary>
    public ulong RunFirst, RunLast;
    /// <summary>Position of a capitalized word in its run (1 first, 2 inside, 3 last, 4 alone) × 8 + the run's word count (at most 7), else 0.</summary>
    public int RunPos;

    public static readonly NerWord Start = Padding("-START-");
    public static readonly NerWord Start2 = Padding("-START2-");
    public static readonly NerWord End = Padding("-END-");
    public static readonly NerWord End2 = Padding("-END2-");

    private static NerWord Padding(string s)
    {
        ulong h = FeatureHash.Chars(s);
        return new NerWord { Form = h, Lower = h, Shape = h, S2 = h, S3 = h, S4 = h, P2 = h, P3 = h, Flags = 32, Gaz = -1, Pos = -1, Cls = -1, Doc = -1 };
    }

    public static void Compute(ReadOnlySpan<char> form, bool first, ref NerWord w)
    {
        int n = form.Length;
        w.Form = FeatureHash.Chars(form);
        w.Lower = FeatureHash.LowerChars(form);
        w.S2 = FeatureHash.LowerChars(form[Math.Max(0, n - 2)..]) ^ 0x22;
        w.S3 = FeatureHash.LowerChars(form[Math.Max(0, n - 3)..]) ^ 0x33;
        w.S4 = FeatureHash.LowerChars(form[Math.Max(0, n - 4)..]) ^ 0x44;
        w.P2 = FeatureHash.LowerChars(form[..Math.Min(n, 2)]) ^ 0x66;
        w.P3 = FeatureHash.LowerChars(form[..Math.Min(n, 3)]) ^ 0x77;
        const ulong prime = 1099511628211UL;
        ulong shape = 14695981039346656037UL;
        char prev = '\0';
        int run = 0, flags = first ? 16 : 0, upper = 0, letters = 0;
        for (int i = 0; i < n; i++)
        {
            char c = form[i];
            char k;
            if (char.IsUpper(c)) { k = 'X'; upper++; letters++; }
            else if (char.IsLetter(c)) { k = 'x'; letters++; }
            else if (char.IsDigit(c)) { k = 'd'; flags |= 4; }
            else { k = c; if (c == '-') flags |= 8; else if (c == '.') flags |= 128; }
            if (k == prev) run++; else { run = 1; prev = k; }
            if (run <= 2) { shape ^= k; shape *= prime; }
        }
        w.Shape = shape;
        if (n > 0 && char.IsUpper(form[0])) flags |= 1;
        if (letters > 1 && upper == letters) flags |= 2;
        w.Flags = flags;
        w.Gaz = 0;
        w.Pos = 0;
        w.Cls = 0;
        w.Doc = 0;
        w.RunFirst = 0;
        w.RunLast = 0;
        w.RunPos = 0;
    }

    private static readonly ulong[] Connectors = [.. new[] { "of", "the", "and", "for", "&", "de", "du", "del", "la", "von", "van", "al" }.Select(c => FeatureHash.LowerChars(c))];

    /// <summary>
    /// Sets <see cref="RunFirst"/> and <see cref="RunLast"/>: a run is a maximal sequence of capitalized words, joined
    /// through lower-case connectors ("of", "the", "and", …) that are followed by a capitalized word. Not set in all-caps
    /// or all-lower-case sentences, where capitals say nothing.
    /// </summary>
    public static void MarkRuns(Span<NerWord> words)
    {
        if (words.Length == 0 || (words[0].Flags & (64 | 256)) != 0) return;
        int i = 0;
        while (i < words.Length)
        {
            if ((words[i].Flags & 1) == 0) { i++; continue; }
            int end = i;
            while (true)
            {
                int next = end + 1;
                if (next < words.Length && (words[next].Flags & 1) != 0) { end = next; continue; }
                if (next + 1 < words.Length && (words[next + 1].Flags & 1) != 0 && Array.IndexOf(Connectors, words[next].Lower) >= 0) { end = next + 1; continue; }
                break;
            }
            ulong first = words[i].Lower, last = words[end].Lower;
            for (int k = i; k <= end; k++)
            {
                if ((words[k].Flags & 1) == 0) continue;
                words[k].RunFirst = first;
                words[k].RunLast = last;
                int at = i == end ? 4 : k == i ? 1 : k == end ? 3 : 2;
                words[k].RunPos = at * 8 + Math.Min(7, end - i + 1);
            }
            i = end + 1;
        }
    }

    /// <summary>Document case bits of one written word: 1 when capitalized and not sentence-initial, 2 when it starts with a lower-case letter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CaseBits(ReadOnlySpan<char> form, bool first)
    {
        if (form.Length == 0) return 0;
        char c = form[0];
        if (char.IsUpper(c)) return first ? 0 : 1;
        return char.IsLower(c) ? 2 : 0;
    }

    /// <summary>Marks every word of the sentence when it has no upper-case letter at all (flag 256).</summary>
    public static void MarkLowerSentence(Span<NerWord> words, int upperLetters, int casedLetters)
    {
        if (casedLetters < 4 || upperLetters > 0) return;
        for (int i = 0; i < words.Length; i++) words[i].Flags |= 256;
    }

    /// <summary>Marks every word of the sentence when most of its cased letters are capitals (a headline or all-caps line).</summary>
    public static void MarkUpperSentence(Span<NerWord> words, int upperLetters, int casedLetters)
    {
        if (casedLetters < 4 || upperLetters * 10 < casedLetters * 8) return;
        for (int i = 0; i < words.Length; i++) words[i].Flags |= 64;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref readonly NerWord At(ReadOnlySpan<NerWord> words, int i)
    {
        if (i < 0) return ref i == -1 ? ref Start : ref Start2;
        if (i >= words.Length) return ref i == words.Length ? ref End : ref End2;
        return ref words[i];
    }
}
