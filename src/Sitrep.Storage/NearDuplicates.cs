namespace Sitrep.Storage;

/// <summary>
/// MinHash over word 3-shingles (lower-cased letter/digit runs) to find near-duplicate articles: syndicated copies of one
/// wire story, a story re-published under a new headline. 64 hash functions; locality-sensitive hashing with 16 bands of
/// 4 rows finds candidates (a pair with Jaccard 0.7 becomes a candidate with probability 0.99, one with 0.3 with 0.12),
/// then the estimated Jaccard similarity (equal signature slots / 64) is compared with the threshold.
/// </summary>
public static class NearDuplicates
{
    public const int Hashes = 64;
    public const int Bands = 16;
    public const int Rows = Hashes / Bands;
    public const int ShingleWords = 3;
    /// <summary>Default threshold of estimated Jaccard similarity: a copy with a new headline and a few edited sentences is above it.</summary>
    public const double DefaultThreshold = 0.7;

    public static ulong[] Signature(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var signature = new ulong[Hashes];
        Array.Fill(signature, ulong.MaxValue);
        Span<ulong> window = stackalloc ulong[ShingleWords];
        int words = 0;
        var span = text.AsSpan();
        int i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && !char.IsLetterOrDigit(span[i])) i++;
            if (i >= span.Length) break;
            ulong h = 14695981039346656037UL;
            while (i < span.Length && char.IsLetterOrDigit(span[i]))
            {
                h = (h ^ char.ToLowerInvariant(span[i])) * 1099511628211UL;
                i++;
            }
            window[words % ShingleWords] = h;
            words++;
            if (words >= ShingleWords) Add(signature, Shingle(window, words));
        }
        if (words is > 0 and < ShingleWords) Add(signature, Shingle(window[..words], words));
        return signature;
    }

    /// <summary>One hash per band: documents sharing any band value are candidates.</summary>
    public static long[] BandHashes(ReadOnlySpan<ulong> signature)
    {
        if (signature.Length != Hashes) throw new ArgumentException($"a signature has {Hashes} values", nameof(signature));
        var bands = new long[Bands];
        for (int b = 0; b < Bands; b++)
        {
            ulong h = (ulong)b * 0x9E3779B97F4A7C15UL;
            for (int r = 0; r < Rows; r++) h = Mix(h ^ signature[b * Rows + r]);
            bands[b] = (long)h;
        }
        return bands;
    }

    /// <summary>Estimated Jaccard similarity of the two shingle sets.</summary>
    public static double Similarity(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != Hashes || b.Length != Hashes) return 0;
        int same = 0;
        for (int i = 0; i < Hashes; i++) if (a[i] == b[i] && a[i] != ulong.MaxValue) same++;
        return same / (double)Hashes;
    }

    public static byte[] ToBytes(ReadOnlySpan<ulong> signature)
    {
        var bytes = new byte[signature.Length * 8];
        for (int i = 0; i < signature.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), signature[i]);
        return bytes;
    }

    public static ulong[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        var signature = new ulong[bytes.Length / 8];
        for (int i = 0; i < signature.Length; i++) signature[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
        return signature;
    }

    private static ulong Shingle(ReadOnlySpan<ulong> window, int words)
    {
        // Order matters: combine the words oldest first.
        ulong h = 0;
        int n = window.Length;
        for (int k = 0; k < n; k++) h = Mix(h ^ window[(words - n + k) % n]);
        return h;
    }

    private static void Add(Span<ulong> signature, ulong shingle)
    {
        for (int k = 0; k < signature.Length; k++)
        {
            ulong v = Mix(shingle ^ Seeds[k]);
            if (v < signature[k]) signature[k] = v;
        }
    }

    private static readonly ulong[] Seeds = MakeSeeds();

    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[Hashes];
        ulong s = 0x5172E9_0D0C5EEDUL;
        for (int i = 0; i < seeds.Length; i++) seeds[i] = s = Mix(s + 0x9E3779B97F4A7C15UL);
        return seeds;
    }

    // splitmix64 finalizer
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
