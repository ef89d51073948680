using System.Buffers;
using Sitrep.Learning;

namespace Sitrep.Models;

/// <summary>
/// Greedy left-to-right averaged-perceptron tagger predicting the joint (UPOS, XPOS) pair, with a tag
/// dictionary for frequent unambiguous words. Fills <see cref="TokenData.Pos"/> and <see cref="TokenData.Tag"/>.
/// Immutable and thread-safe after loading.
/// </summary>
public sealed class PosTagger : IStage
{
    public const string ModelKind = "pos";

    /// <summary>Feature templates, in extraction order; their names define <see cref="FeatureSetHash"/>.</summary>
    internal static readonly string[] Templates =
    [
        "bias", "w.norm", "w.form", "w.s1", "w.s2", "w.s3", "w.s4", "w.p1", "w.p2", "w.p3", "w.shape", "w.flags",
        "t-1", "t-2", "t-1.t-2", "t-1.w", "w-1", "w-1.s3", "w-2", "w+1", "w+1.s3", "w+2", "w-1.w", "w.w+1",
        "w+1.shape", "w-1.shape", "t-1.w+1",
        "t-1.w.s3", "t-2.w", "w-1.t-1", "w+1.s1", "w-1.s1", "w+2.s3", "w+1.w+2", "w-2.w-1", "w+1.form", "w-1.form", "flags-1.flags.flags+1", "title.w", "title.shape",
        "amb", "amb+1", "amb+2", "amb-1", "t-1.amb", "amb.amb+1", "t-1.amb+1",
        "caprun.first", "caprun.amb", "caprun.t-1", "caprun.w-1.w+1cap",
    ];

    public static readonly ulong FeatureSetHash = FeatureHash.OfDescription("pos/1:" + string.Join(',', Templates) + "|" + Lemmatizer.Description);

    internal const int MaxFeatures = 56;

    private readonly WeightTable _weights;
    private readonly Upos[] _classUpos;
    private readonly string[] _classXpos;
    private readonly HashIndex _tagDictionary;
    private readonly HashIndex _ambiguity;

    internal PosTagger(WeightTable weights, string[] classNames, HashIndex tagDictionary, HashIndex ambiguity)
    {
        _ambiguity = ambiguity;
        _weights = weights;
        ClassNames = classNames;
        _classUpos = new Upos[classNames.Length];
        _classXpos = new string[classNames.Length];
        for (int i = 0; i < classNames.Length; i++)
        {
            var (u, x) = SplitClass(classNames[i]);
            _classUpos[i] = u;
            _classXpos[i] = x;
        }
        _tagDictionary = tagDictionary;
    }

    public string Name => "pos";
    public IReadOnlyList<string> Requires { get; } = [Layers.Tokens, Layers.Sentences];
    public IReadOnlyList<string> Produces { get; } = [Layers.Pos];

    /// <summary>Joint classes "UPOS\tXPOS".</summary>
    internal string[] ClassNames { get; }
    internal WeightTable Weights => _weights;
    internal HashIndex TagDictionary => _tagDictionary;
    public ModelHeader? Header { get; private init; }

    internal static (Upos Upos, string Xpos) SplitClass(string name)
    {
        int tab = name.IndexOf('\t');
        UposNames.TryParse(name.AsSpan(0, tab), out var u);
        return (u, name[(tab + 1)..]);
    }

    public static PosTagger Load(string path)
    {
        var (header, r) = ModelFile.Read(path, ModelKind, FeatureSetHash);
        int taggerLength = r.ReadInt32();
        int start = r.Position;
        var tagger = ReadSection(r);
        if (r.Position - start != taggerLength) throw r.Corrupt("tagger section length mismatch");
        return new PosTagger(tagger._weights, tagger.ClassNames, tagger._tagDictionary, tagger._ambiguity) { Header = header };
    }

    internal static PosTagger ReadSection(ModelReader r)
    {
        var classes = r.ReadStrings();
        var weights = WeightTable.ReadFrom(r);
        var dict = HashIndex.ReadFrom(r);
        var amb = HashIndex.ReadFrom(r);
        if (classes.Length != weights.ClassCount) throw r.Corrupt("class count mismatch");
        foreach (var c in classes)
        {
            int tab = c.IndexOf('\t');
            if (tab <= 0 || !UposNames.TryParse(c.AsSpan(0, tab), out _)) throw r.Corrupt($"bad tag class '{c}'");
        }
        dict.Validate(classes.Length, r);
        return new PosTagger(weights, classes, dict, amb);
    }

    internal void WriteSection(ModelWriter w)
    {
        w.WriteStrings(ClassNames);
        _weights.WriteTo(w);
        _tagDictionary.WriteTo(w);
        _ambiguity.WriteTo(w);
    }

    internal HashIndex Ambiguity => _ambiguity;

    /// <summary>Fills <see cref="WordHashes.Amb"/> from the ambiguity-class table.</summary>
    internal void SetAmbiguity(Span<WordHashes> words)
    {
        // Sentence context: headline-style capitalization (most words capitalized) makes PROPN versus NOUN harder.
        int caps = 0, letters = 0;
        for (int i = 0; i < words.Length; i++)
        {
            if ((words[i].Flags & (4 | 128)) != 0) continue;
            letters++;
            if ((words[i].Flags & 1) != 0) caps++;
        }
        bool title = letters >= 3 && caps * 2 > letters;
        for (int i = 0; i < words.Length; i++) if (title) words[i].Flags |= 64;
        SetCapitalRuns(words);
        for (int i = 0; i < words.Length; i++)
            words[i].Amb = _ambiguity.TryGet(FeatureHash.Of(98, words[i].Lower), out int mask) ? (ulong)(uint)mask : 0;
    }

    /// <summary>Fills <see cref="WordHashes.CapRun"/>: where a capitalized word sits in a run of capitalized words (PROPN versus NOUN).</summary>
    internal static void SetCapitalRuns(Span<WordHashes> words)
    {
        int i = 0;
        while (i < words.Length)
        {
            if ((words[i].Flags & 1) == 0) { words[i++].CapRun = 0; continue; }
            int j = i;
            while (j < words.Length && (words[j].Flags & 1) != 0) j++;
            int len = Math.Min(j - i, 4);
            for (int k = i; k < j; k++)
                words[k].CapRun = len * 4 + (j - i == 1 ? 0 : k == i ? 1 : k == j - 1 ? 3 : 2);
            i = j;
        }
    }

    public void Process(Document document)
    {
        var tokens = document.Tokens;
        int max = 0;
        foreach (var s in document.Sentences) max = Math.Max(max, s.TokenCount);
        var hashes = ArrayPool<WordHashes>.Shared.Rent(Math.Max(1, max));
        var classes = ArrayPool<int>.Shared.Rent(Math.Max(1, max));
        try
        {
            foreach (var s in document.Sentences)
            {
                var span = tokens.Slice(s.TokenStart, s.TokenCount);
                for (int i = 0; i < span.Length; i++)
                    WordHashes.Compute(FormOf(document, in span[i]), i == 0, ref hashes[i]);
                SetAmbiguity(hashes.AsSpan(0, span.Length));
                Tag(hashes.AsSpan(0, span.Length), classes.AsSpan(0, span.Length));
                for (int i = 0; i < span.Length; i++)
                {
                    span[i].Pos = _classUpos[classes[i]];
                    span[i].Tag = _classXpos[classes[i]];
                }
            }
        }
        finally
        {
            ArrayPool<WordHashes>.Shared.Return(hashes);
            ArrayPool<int>.Shared.Return(classes);
        }
    }

    internal static ReadOnlySpan<char> FormOf(Document doc, in TokenData t) =>
        t.Norm is { } n ? n.AsSpan() : doc.Text.AsSpan(t.Start, t.Length);

    /// <summary>Tags one sentence given its word hashes; writes class ids.</summary>
    internal void Tag(ReadOnlySpan<WordHashes> words, Span<int> classes)
    {
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<int> scores = stackalloc int[_weights.ClassCount];
        int p1 = -1, p2 = -2;
        for (int i = 0; i < words.Length; i++)
        {
            int c;
            if (!_tagDictionary.TryGet(FeatureHash.Of(99, words[i].Form), out c))
            {
                int n = Extract(words, i, p1, p2, feats);
                _weights.Score(feats[..n], scores);
                c = ArgMax(scores[.._weights.ClassCount]);
            }
            classes[i] = c;
            p2 = p1;
            p1 = c;
        }
    }

    internal static int ArgMax(ReadOnlySpan<int> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }

    internal static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }

    /// <summary>Feature keys for word <paramref name="i"/> with previous classes <paramref name="p1"/>, <paramref name="p2"/> (negative = sentence start).</summary>
    internal static int Extract(ReadOnlySpan<WordHashes> words, int i, int p1, int p2, Span<ulong> f)
    {
        ref readonly var w = ref words[i];
        ref readonly var wm1 = ref WordHashes.At(words, i - 1);
        ref readonly var wm2 = ref WordHashes.At(words, i - 2);
        ref readonly var wp1 = ref WordHashes.At(words, i + 1);
        ref readonly var wp2 = ref WordHashes.At(words, i + 2);
        ulong t1 = (ulong)(p1 + 1000), t2 = (ulong)(p2 + 1000);
        int n = 0;
        f[n++] = FeatureHash.Of(0, 0);
        f[n++] = FeatureHash.Of(1, w.Norm);
        f[n++] = FeatureHash.Of(2, w.Form);
        f[n++] = FeatureHash.Of(3, w.S1);
        f[n++] = FeatureHash.Of(4, w.S2);
        f[n++] = FeatureHash.Of(5, w.S3);
        f[n++] = FeatureHash.Of(6, w.S4);
        f[n++] = FeatureHash.Of(7, w.P1);
        f[n++] = FeatureHash.Of(8, w.P2);
        f[n++] = FeatureHash.Of(9, w.P3);
        f[n++] = FeatureHash.Of(10, w.Shape);
        f[n++] = FeatureHash.Of(11, (ulong)w.Flags);
        f[n++] = FeatureHash.Of(12, t1);
        f[n++] = FeatureHash.Of(13, t2);
        f[n++] = FeatureHash.Of(14, t1, t2);
        f[n++] = FeatureHash.Of(15, t1, w.Norm);
        f[n++] = FeatureHash.Of(16, wm1.Norm);
        f[n++] = FeatureHash.Of(17, wm1.S3);
        f[n++] = FeatureHash.Of(18, wm2.Norm);
        f[n++] = FeatureHash.Of(19, wp1.Norm);
        f[n++] = FeatureHash.Of(20, wp1.S3);
        f[n++] = FeatureHash.Of(21, wp2.Norm);
        f[n++] = FeatureHash.Of(22, wm1.Norm, w.Norm);
        f[n++] = FeatureHash.Of(23, w.Norm, wp1.Norm);
        f[n++] = FeatureHash.Of(24, wp1.Shape);
        f[n++] = FeatureHash.Of(25, wm1.Shape);
        f[n++] = FeatureHash.Of(26, t1, wp1.Norm);
        f[n++] = FeatureHash.Of(27, t1, w.S3);
        f[n++] = FeatureHash.Of(28, t2, w.Norm);
        f[n++] = FeatureHash.Of(29, wm1.Norm, t1);
        f[n++] = FeatureHash.Of(30, wp1.S1);
        f[n++] = FeatureHash.Of(31, wm1.S1);
        f[n++] = FeatureHash.Of(32, wp2.S3);
        f[n++] = FeatureHash.Of(33, wp1.Norm, wp2.Norm);
        f[n++] = FeatureHash.Of(34, wm2.Norm, wm1.Norm);
        f[n++] = FeatureHash.Of(35, wp1.Form);
        f[n++] = FeatureHash.Of(36, wm1.Form);
        f[n++] = FeatureHash.Of(44, (ulong)wm1.Flags, (ulong)w.Flags, (ulong)wp1.Flags);
        ulong title = (ulong)(w.Flags & 64);
        f[n++] = FeatureHash.Of(45, title, w.Norm);
        f[n++] = FeatureHash.Of(46, title, w.Shape);
        f[n++] = FeatureHash.Of(37, w.Amb);
        f[n++] = FeatureHash.Of(38, wp1.Amb);
        f[n++] = FeatureHash.Of(39, wp2.Amb);
        f[n++] = FeatureHash.Of(40, wm1.Amb);
        f[n++] = FeatureHash.Of(41, t1, w.Amb);
        f[n++] = FeatureHash.Of(42, w.Amb, wp1.Amb);
        f[n++] = FeatureHash.Of(43, t1, wp1.Amb);
        ulong run = (ulong)w.CapRun, first = (ulong)(w.Flags & 16);
        f[n++] = FeatureHash.Of(47, run, first);
        f[n++] = FeatureHash.Of(48, run, first, w.Amb);
        f[n++] = FeatureHash.Of(49, run, t1);
        f[n++] = FeatureHash.Of(50, run, (ulong)(uint)(((wm1.Flags & 1) << 1) | (wp1.Flags & 1)), wp1.Amb);
        return n;
    }
}
