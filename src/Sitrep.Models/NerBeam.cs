using System.Runtime.CompilerServices;
using Sitrep.Learning;

namespace Sitrep.Models;

/// <summary>Class scores of hashed features: the shipped weight table at run time, the perceptron's current weights in training.</summary>
internal interface INerScorer
{
    /// <summary>Clears <paramref name="scores"/> and adds the weights of the history-free features of one word.</summary>
    void Score(ReadOnlySpan<ulong> features, Span<float> scores);

    /// <summary>Adds the weights of <paramref name="features"/> (tag-history features) to <paramref name="scores"/>.</summary>
    void Add(ReadOnlySpan<ulong> features, Span<float> scores);

    /// <summary>
    /// Whether sums are exact whatever the order (integer weights), so the decoder may score the previous-tag features once
    /// per distinct previous tag and the tag-pair feature per state. The training scorer (float weights) says no, so training
    /// sums in one fixed order and stays byte-for-byte reproducible.
    /// </summary>
    bool ExactSums { get; }

    /// <summary>Adds the weights of the word-independent tag features t-1 and t-1·t-2 (only called when <see cref="ExactSums"/>).</summary>
    void AddTagFeatures(int p1, int p2, Span<float> scores);
}

/// <summary>Run-time scorer over the quantized <see cref="WeightTable"/>, with the O-score offset applied once per word.</summary>
internal readonly struct TableScorer(WeightTable table, int[] buffer, int outsideBias, int[] tagScores) : INerScorer
{
    public bool ExactSums => true;

    /// <summary>Dense scores of t-1 and t-1·t-2 for every tag pair (p1 in -1…classes-1, p2 in -2…classes-1), computed once per model.</summary>
    public static int[] TagTable(WeightTable table)
    {
        int k = table.ClassCount, n1 = k + 1, n2 = k + 2;
        var result = new int[n1 * n2 * k];
        Span<ulong> f = stackalloc ulong[2];
        for (int p1 = -1; p1 < k; p1++)
            for (int p2 = -2; p2 < k; p2++)
            {
                f[0] = FeatureHash.Of(18, (ulong)(p1 + 1000));
                f[1] = EntityRecognizer.TagPairFeature(p1, p2);
                table.Score(f, result.AsSpan(((p1 + 1) * n2 + p2 + 2) * k, k));
            }
        return result;
    }

    public void AddTagFeatures(int p1, int p2, Span<float> scores)
    {
        int k = table.ClassCount;
        var row = tagScores.AsSpan(((p1 + 1) * (k + 2) + p2 + 2) * k, k);
        for (int c = 0; c < row.Length; c++) scores[c] += row[c];
    }

    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        var b = buffer.AsSpan(0, table.ClassCount);
        table.Score(features, b);
        b[0] -= outsideBias;
        for (int c = 0; c < b.Length; c++) scores[c] = b[c];
    }

    public void Add(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        var b = buffer.AsSpan(0, table.ClassCount);
        table.Score(features, b);
        for (int c = 0; c < b.Length; c++) scores[c] += b[c];
    }
}

/// <summary>
/// Training-time scorer over the perceptron's current (not averaged) weights; with <paramref name="domain"/> ≥ 0 each feature
/// also scores its domain copy (<see cref="EntityRecognizerTrainer.DomainCopy"/>).
/// </summary>
internal readonly struct PerceptronScorer(AveragedPerceptron model, float[] buffer, ulong[] copies, int domain) : INerScorer
{
    public bool ExactSums => false;

    public void AddTagFeatures(int p1, int p2, Span<float> scores) => throw new NotSupportedException("training sums history features in one order");

    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        model.Score(features, scores);
        if (domain >= 0) AddCopies(features, scores);
    }

    public void Add(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        var b = buffer.AsSpan(0, model.ClassCount);
        model.Score(features, b);
        for (int c = 0; c < b.Length; c++) scores[c] += b[c];
        if (domain >= 0) AddCopies(features, scores);
    }

    private void AddCopies(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        for (int i = 0; i < features.Length; i++) copies[i] = EntityRecognizerTrainer.DomainCopy(features[i], domain);
        var b = buffer.AsSpan(0, model.ClassCount);
        model.Score(copies.AsSpan(0, features.Length), b);
        for (int c = 0; c < b.Length; c++) scores[c] += b[c];
    }
}

/// <summary>
/// Beam search over BILOU class sequences with the BILOU transition constraints (<see cref="EntityRecognizer.Allowed"/>):
/// history-free features are scored once per word and the tag-history features once per beam state; states with the same
/// two previous tags are recombined (their futures score the same), so a beam of 1 is greedy decoding and a wide beam is
/// exact second-order Viterbi. In training, the position where the gold sequence first leaves the beam is recorded for
/// early update (Collins and Roark 2004). Holds buffers: one instance per thread.
/// </summary>
internal sealed class NerBeam
{
    private readonly int _k;
    private int[] _cls = new int[64], _back = new int[64];
    private readonly double[] _score, _nScore;
    private readonly int[] _p1, _p2, _nCls, _nParent, _oldP1, _seenP1;
    private readonly float[] _byP1;
    private readonly bool[] _gold, _nGold;
    private readonly float[] _static = new float[EntityRecognizer.ClassCount], _sc = new float[EntityRecognizer.ClassCount];
    private readonly ulong[] _feats = new ulong[EntityRecognizer.MaxFeatures], _hist = new ulong[EntityRecognizer.MaxHistoryFeatures];

    public NerBeam(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _k = width;
        _score = new double[width];
        _nScore = new double[width];
        _p1 = new int[width];
        _p2 = new int[width];
        _nCls = new int[width];
        _nParent = new int[width];
        _oldP1 = new int[width];
        _seenP1 = new int[width];
        _byP1 = new float[width * EntityRecognizer.ClassCount];
        _gold = new bool[width];
        _nGold = new bool[width];
    }

    public int Width => _k;

    /// <summary>The first position whose beam no longer holds the gold prefix (-1: never, or no gold given).</summary>
    public int FellAt { get; private set; }

    /// <summary>
    /// Decodes one sentence into <paramref name="classes"/>. <paramref name="memory"/> (document memory) is read, not
    /// updated; <paramref name="drop"/> (empty or one flag per word) leaves out word-identity features; with
    /// <paramref name="gold"/> the search records <see cref="FellAt"/>.
    /// </summary>
    public void Decode<TScorer>(in TScorer scorer, ReadOnlySpan<NerWord> words, Dictionary<ulong, int>? memory, int featureMask,
        ReadOnlySpan<bool> drop, ReadOnlySpan<int> gold, Span<int> classes) where TScorer : INerScorer
    {
        int n = words.Length;
        FellAt = -1;
        if (n == 0) return;
        if (_cls.Length < n * _k)
        {
            _cls = new int[n * _k * 2];
            _back = new int[n * _k * 2];
        }
        int nb = 1;
        _score[0] = 0;
        _p1[0] = -1;
        _p2[0] = -2;
        _gold[0] = true;
        bool tracking = !gold.IsEmpty;
        var feats = _feats.AsSpan();
        var hist = _hist.AsSpan();
        var stat = _static.AsSpan();
        var sc = _sc.AsSpan();
        for (int i = 0; i < n; i++)
        {
            bool dropWord = !drop.IsEmpty && drop[i];
            int mem = memory is not null && memory.TryGetValue(words[i].Lower, out int m) ? m : 0;
            int nf = EntityRecognizer.Extract(words, i, mem, featureMask, dropWord, feats);
            scorer.Score(feats[..nf], stat);
            bool last = i == n - 1;
            int count = 0;
            int seen = 0;
            for (int b = 0; b < nb; b++)
            {
                int p1 = _p1[b];
                if (scorer.ExactSums)
                {
                    // Previous-tag features once per distinct previous tag, then the tag-pair feature of this state.
                    int slot = 0;
                    while (slot < seen && _seenP1[slot] != p1) slot++;
                    var cached = _byP1.AsSpan(slot * sc.Length, sc.Length);
                    if (slot == seen)
                    {
                        _seenP1[seen++] = p1;
                        int n1 = EntityRecognizer.ExtractPreviousTag(words, i, p1, dropWord, hist);
                        stat.CopyTo(cached);
                        scorer.Add(hist[..n1], cached);
                    }
                    cached.CopyTo(sc);
                    scorer.AddTagFeatures(p1, _p2[b], sc);
                }
                else
                {
                    int nh = EntityRecognizer.ExtractHistory(words, i, p1, _p2[b], dropWord, hist);
                    stat.CopyTo(sc);
                    scorer.Add(hist[..nh], sc);
                }
                double baseScore = _score[b];
                for (int c = 0; c < sc.Length; c++)
                {
                    if (!EntityRecognizer.Allowed(p1, c, last)) continue;
                    count = Insert(count, baseScore + sc[c], c, b);
                }
            }
            bool anyGold = false;
            int row = i * _k;
            for (int j = 0; j < count; j++)
            {
                int parent = _nParent[j], c = _nCls[j];
                _cls[row + j] = c;
                _back[row + j] = parent;
                _nGold[j] = tracking && _gold[parent] && c == gold[i];
                anyGold |= _nGold[j];
            }
            // New states: (p1, p2) = (class, parent's class); gold flags as computed.
            for (int j = 0; j < count; j++) _oldP1[j] = _p1[_nParent[j]];
            for (int j = 0; j < count; j++)
            {
                _p2[j] = _oldP1[j];
                _p1[j] = _nCls[j];
                _score[j] = _nScore[j];
                _gold[j] = _nGold[j];
            }
            nb = count;
            if (tracking && !anyGold && FellAt < 0) FellAt = i;
        }
        Backtrack(n - 1, 0, classes);
    }

    /// <summary>Writes the classes of positions 0…<paramref name="position"/> of beam item <paramref name="item"/> at that position.</summary>
    public void Backtrack(int position, int item, Span<int> classes)
    {
        for (int i = position; i >= 0; i--)
        {
            classes[i] = _cls[i * _k + item];
            item = _back[i * _k + item];
        }
    }

    /// <summary>Inserts a candidate into the sorted top-k list (best first), recombining states with the same two last classes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Insert(int count, double score, int c, int parent)
    {
        // Below the last of a full list: dropped (a duplicate state in the list, if any, scores at least as much).
        if (count == _k && score <= _nScore[count - 1]) return count;
        int prev = _p1[parent];
        for (int j = 0; j < count; j++)
        {
            if (_nCls[j] != c || _p1[_nParent[j]] != prev) continue;
            if (_nScore[j] >= score) return count;
            // Remove the worse duplicate, then insert below.
            for (int r = j; r < count - 1; r++)
            {
                _nScore[r] = _nScore[r + 1];
                _nCls[r] = _nCls[r + 1];
                _nParent[r] = _nParent[r + 1];
            }
            count--;
            break;
        }
        if (count == _k && score <= _nScore[count - 1]) return count;
        int at = count == _k ? count - 1 : count;
        while (at > 0 && _nScore[at - 1] < score)
        {
            _nScore[at] = _nScore[at - 1];
            _nCls[at] = _nCls[at - 1];
            _nParent[at] = _nParent[at - 1];
            at--;
        }
        _nScore[at] = score;
        _nCls[at] = c;
        _nParent[at] = parent;
        return count == _k ? count : count + 1;
    }
}
