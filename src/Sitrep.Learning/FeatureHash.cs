using System.Runtime.CompilerServices;

namespace Sitrep.Learning;

/// <summary>
/// 64-bit feature keys: FNV-1a over UTF-16 code units for strings, combined with a template id by a
/// SplitMix64-style finalizer. No allocation; zero is never returned (it marks empty table slots).
/// </summary>
public static class FeatureHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>FNV-1a 64 of the characters.</summary>
    public static ulong Chars(ReadOnlySpan<char> text)
    {
        ulong h = FnvOffset;
        foreach (char c in text)
        {
            h ^= (byte)c;
            h *= FnvPrime;
            h ^= (byte)(c >> 8);
            h *= FnvPrime;
        }
        return h;
    }

    /// <summary>FNV-1a 64 of the characters, lower-cased (invariant, per code unit).</summary>
    public static ulong LowerChars(ReadOnlySpan<char> text)
    {
        ulong h = FnvOffset;
        foreach (char x in text)
        {
            char c = char.ToLowerInvariant(x);
            h ^= (byte)c;
            h *= FnvPrime;
            h ^= (byte)(c >> 8);
            h *= FnvPrime;
        }
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x == 0 ? 1 : x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, ulong a) => Mix(((ulong)(uint)template * 0x9E3779B97F4A7C15UL) ^ a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, ulong a, ulong b) => Mix(Of(template, a) + (b * 0xC2B2AE3D27D4EB4FUL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(int template, ulong a, ulong b, ulong c) => Mix(Of(template, a, b) + (c * 0x165667B19E3779F9UL));

    /// <summary>Stable hash of a feature-set description (template names), stored in model files.</summary>
    public static ulong OfDescription(string description) => Mix(Chars(description));
}
