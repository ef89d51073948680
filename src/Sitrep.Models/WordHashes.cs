using System.Runtime.CompilerServices;
using Sitrep.Learning;

namespace Sitrep.Models;

/// <summary>Per-token string hashes computed once per sentence and combined by feature templates.</summary>
internal struct WordHashes
{
    public ulong Form, Lower, Norm, Shape, S1, S2, S3, S4, P1, P2, P3;
    /// <summary>Ambiguity class: bit mask of the UPOS tags the word had in training (0 = rare or unseen); set by the tagger.</summary>
    public ulong Amb;
    /// <summary>Bit flags: 1 capitalized, 2 all caps, 4 has digit, 8 has hyphen, 16 first in sentence, 64 headline-style sentence, 128 no letters.</summary>
    public int Flags;
    /// <summary>Capitalized-run context, set by the tagger: run length (1-4+) × 4 + position in the run (0 alone, 1 first, 2 inside, 3 last); 0 = not capitalized.</summary>
    public int CapRun;

    public static readonly WordHashes Start = Padding("-START-");
    public static readonly WordHashes Start2 = Padding("-START2-");
    public static readonly WordHashes End = Padding("-END-");
    public static readonly WordHashes End2 = Padding("-END2-");

    private static WordHashes Padding(string s)
    {
        ulong h = FeatureHash.Chars(s);
        return new WordHashes { Amb = 1UL << 40, Form = h, Lower = h, Norm = h, Shape = h, S1 = h, S2 = h, S3 = h, S4 = h, P1 = h, P2 = h, P3 = h, Flags = 32 };
    }

    public static void Compute(ReadOnlySpan<char> form, bool first, ref WordHashes w)
    {
        // Lower-case once; hashing the lower-cased span equals FeatureHash.LowerChars on the original.
        int n = form.Length;
        Span<char> buffer = stackalloc char[64];
        Span<char> lower = n <= buffer.Length ? buffer[..n] : new char[n];
        for (int i = 0; i < n; i++) lower[i] = char.ToLowerInvariant(form[i]);
        w.Form = FeatureHash.Chars(form);
        w.Lower = FeatureHash.Chars(lower);
        w.S1 = FeatureHash.Chars(lower[Math.Max(0, n - 1)..]) ^ 0x11;
        w.S2 = FeatureHash.Chars(lower[Math.Max(0, n - 2)..]) ^ 0x22;
        w.S3 = FeatureHash.Chars(lower[Math.Max(0, n - 3)..]) ^ 0x33;
        w.S4 = FeatureHash.Chars(lower[Math.Max(0, n - 4)..]) ^ 0x44;
        w.P1 = FeatureHash.Chars(form[..Math.Min(n, 1)]) ^ 0x55;
        w.P2 = FeatureHash.Chars(lower[..Math.Min(n, 2)]) ^ 0x66;
        w.P3 = FeatureHash.Chars(lower[..Math.Min(n, 3)]) ^ 0x77;

        // Shape: X x d or the character itself, runs longer than two collapsed ("Xxxxx" -> "Xxx", "1984" -> "dd").
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
            else { k = c; if (c == '-') flags |= 8; }
            if (k == prev) run++; else { run = 1; prev = k; }
            if (run <= 2) { shape ^= k; shape *= prime; }
        }
        w.Shape = shape;
        if (n > 0 && char.IsUpper(form[0])) flags |= 1;
        if (letters == 0) flags |= 128;
        if (letters > 1 && upper == letters) flags |= 2;
        w.Flags = flags;
        // Numbers share one normalized word (by shape) so "1984" and "2003" generalize.
        w.Norm = (flags & 4) != 0 ? shape ^ 0x4E554D : w.Lower;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref readonly WordHashes At(ReadOnlySpan<WordHashes> words, int i)
    {
        if (i < 0) return ref i == -1 ? ref Start : ref Start2;
        if (i >= words.Length) return ref i == words.Length ? ref End : ref End2;
        return ref words[i];
    }
}
