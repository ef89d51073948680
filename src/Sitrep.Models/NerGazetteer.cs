using Sitrep.Learning;
using Sitrep.Text.Tokenization;

namespace Sitrep.Models;

/// <summary>
/// Multi-word phrase lookup for NER features: lower-cased token sequences hashed incrementally, mapped to a
/// <see cref="LexiconCategory"/> mask. Built from <see cref="NerLexicons"/> at training time and stored in the model
/// file, so a shipped model always sees the lists it was trained with. Immutable and thread-safe.
/// </summary>
public sealed class NerGazetteer
{
    private readonly HashIndex _phrases;

    private NerGazetteer(HashIndex phrases, int maxTokens)
    {
        _phrases = phrases;
        MaxTokens = maxTokens;
    }

    public int MaxTokens { get; }
    public int Count => _phrases.Count;

    public static NerGazetteer Empty { get; } = new(HashIndex.Build([]), 0);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static ulong Extend(ulong phrase, ulong tokenLower) => FeatureHash.Mix(phrase * 0x9E3779B97F4A7C15UL + tokenLower);

    internal const ulong Seed = 0x5EED;

    public static NerGazetteer Build(IEnumerable<(string Phrase, LexiconCategory Category)> phrases)
    {
        var tokenizer = new Tokenizer();
        var masks = new Dictionary<ulong, int>();
        int max = 0;
        foreach (var (phrase, category) in phrases)
        {
            if (string.IsNullOrWhiteSpace(phrase)) continue;
            var doc = new Document(phrase);
            tokenizer.Process(doc);
            if (doc.TokenCount == 0 || doc.TokenCount > 8) continue;
            ulong h = Seed;
            for (int i = 0; i < doc.TokenCount; i++) h = Extend(h, FeatureHash.LowerChars(doc[i].Text));
            masks[h] = masks.GetValueOrDefault(h) | (int)category;
            max = Math.Max(max, doc.TokenCount);
        }
        return new NerGazetteer(HashIndex.Build(masks), max);
    }

    /// <summary>The category mask of the phrase made of these lower-cased token hashes, or 0.</summary>
    public int Lookup(ReadOnlySpan<ulong> lowerHashes)
    {
        ulong h = Seed;
        foreach (ulong t in lowerHashes) h = Extend(h, t);
        return _phrases.TryGet(h, out int m) ? m : 0;
    }

    /// <summary>
    /// Marks each token with its longest match: (mask &lt;&lt; 2) | position (0 begin, 1 inside, 2 last, 3 unit), or 0.
    /// </summary>
    public void Mark(ReadOnlySpan<ulong> lowerHashes, Span<int> marks)
    {
        marks.Clear();
        int n = lowerHashes.Length;
        int i = 0;
        while (i < n)
        {
            int bestLen = 0, bestMask = 0;
            ulong h = Seed;
            int limit = Math.Min(MaxTokens, n - i);
            for (int len = 1; len <= limit; len++)
            {
                h = Extend(h, lowerHashes[i + len - 1]);
                if (_phrases.TryGet(h, out int m)) { bestLen = len; bestMask = m; }
            }
            if (bestLen == 0) { i++; continue; }
            if (bestLen == 1) marks[i] = (bestMask << 2) | 3;
            else
            {
                marks[i] = bestMask << 2;
                for (int k = 1; k < bestLen - 1; k++) marks[i + k] = (bestMask << 2) | 1;
                marks[i + bestLen - 1] = (bestMask << 2) | 2;
            }
            i += bestLen;
        }
    }

    public void WriteTo(ModelWriter w)
    {
        w.WriteInt32(MaxTokens);
        _phrases.WriteTo(w);
    }

    public static NerGazetteer ReadFrom(ModelReader r)
    {
        int max = r.ReadInt32();
        if (max < 0 || max > 64) throw r.Corrupt("bad gazetteer phrase length");
        return new NerGazetteer(HashIndex.ReadFrom(r), max);
    }
}
