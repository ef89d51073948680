using System.Buffers;
using Sitrep.Learning;

namespace Sitrep.Models;

/// <summary>
/// Greedy labeled arc-hybrid transition parser (averaged perceptron, trained with a dynamic oracle),
/// non-projectivity through pseudo-projective lifting. Reads <see cref="TokenData.Pos"/> and <see cref="TokenData.Tag"/>,
/// fills <see cref="TokenData.Head"/> (document token index, -1 for the root) and <see cref="TokenData.Relation"/>.
/// Immutable and thread-safe after loading.
/// </summary>
public sealed class DependencyParser : IStage
{
    public const string ModelKind = "parser";

    internal static readonly string[] Templates =
    [
        "s0w", "s0p", "s0wp", "s0u", "s1w", "s1p", "s1wp", "s2p", "b0w", "b0p", "b0wp", "b0u", "b1w", "b1p", "b1wp", "b2w", "b2p",
        "s0wp.b0wp", "s0wp.b0w", "s0w.b0wp", "s0wp.b0p", "s0p.b0wp", "s0w.b0w", "s0p.b0p", "b0p.b1p", "s0w.s1w", "s0p.s1p", "s0wp.s1p", "s0p.s1wp",
        "b0p.b1p.b2p", "s0p.b0p.b1p", "s1p.s0p.b0p", "s2p.s1p.s0p", "s0p.s0l1p.b0p", "s0p.s0r1p.b0p", "s1p.s1r1p.s0p", "s0p.b0p.b0l1p", "s1p.s1l1p.s0p",
        "s0w.d", "s0p.d", "b0w.d", "b0p.d", "s0p.b0p.d", "s1p.s0p.d1",
        "s0w.vr", "s0p.vr", "s0w.vl", "s0p.vl", "b0w.vl", "b0p.vl", "s1w.vr", "s1p.vr",
        "s0l1w", "s0l1p", "s0l1l", "s0r1w", "s0r1p", "s0r1l", "s1l1l", "s1r1w", "s1r1p", "s1r1l", "b0l1w", "b0l1p", "b0l1l",
        "s0l2w", "s0l2p", "s0l2l", "s0r2w", "s0r2p", "s0r2l", "b0l2w", "b0l2p", "b0l2l",
        "s0p.s0l1l.s0l2l", "s0p.s0r1l.s0r2l", "b0p.b0l1l.b0l2l", "s1p.s1r1l.s0p", "s0u.b0u", "s0u.s1u.b0u", "b0w.b1w", "s0w.b0w.b1p",
        "s0w.b0w.d", "s0w.sr", "s0p.sr", "s0w.sl", "s0p.sl", "b0w.bl", "b0p.bl",
        "s1w.b0w", "s1p.b0p", "s1w.s0p.b0p", "s1p.s0w.b0p", "s1p.s0p.b0w", "s1w.s0w", "s1p.s0p.b0p.b1p", "s0u.b0u.d", "s1u.s0u.d1",
    ];

    /// <summary>
    /// Optional templates over word classes (<see cref="WordClusters"/>: c = the 250-class level, C = the 1,000-class level),
    /// used by models that embed a cluster table (Koo, Carreras and Collins 2008 showed such classes help a parser
    /// generalize over words it saw rarely).
    /// </summary>
    internal static readonly string[] ClusterTemplates =
        ["s0c", "s1c", "b0c", "s0c.b0c", "s0C.b0C"];

    public static readonly ulong FeatureSetHash = FeatureHash.OfDescription("parser/1:arc-hybrid:" + string.Join(',', Templates));
    /// <summary>Feature set of models with word classes: <see cref="Templates"/> followed by <see cref="ClusterTemplates"/>.</summary>
    public static readonly ulong ClusterFeatureSetHash = FeatureHash.OfDescription("parser/1:arc-hybrid:" + string.Join(',', Templates) + ";clusters:" + string.Join(',', ClusterTemplates));
    internal const int MaxFeatures = 128;

    private readonly WeightTable _weights;
    private readonly string[] _labels;
    private readonly string[] _baseLabels;
    private readonly bool[] _encoded;

    private readonly WeightTable? _labelWeights;
    private readonly WordClusters? _clusters;

    /// <summary>
    /// Joint model: <paramref name="weights"/> scores the 1 + 2 × labels actions. Factored model (<paramref name="labelWeights"/> given):
    /// <paramref name="weights"/> scores the 3 unlabeled transitions (shift, left, right) and <paramref name="labelWeights"/> the
    /// 2 × labels (direction, label) pairs, consulted only when an arc is made.
    /// </summary>
    internal DependencyParser(WeightTable weights, string[] labels, int beamWidth = 1, WeightTable? labelWeights = null, WordClusters? clusters = null)
    {
        _clusters = clusters;
        if (beamWidth < 1 || beamWidth > 64) throw new ArgumentOutOfRangeException(nameof(beamWidth));
        BeamWidth = beamWidth;
        _weights = weights;
        _labelWeights = labelWeights;
        _labels = labels;
        _baseLabels = new string[labels.Length];
        _encoded = new bool[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            _baseLabels[i] = PseudoProjective.BaseLabel(labels[i]);
            _encoded[i] = _baseLabels[i].Length != labels[i].Length;
        }
        if (labelWeights is null ? weights.ClassCount != 1 + 2 * labels.Length : weights.ClassCount != 3 || labelWeights.ClassCount != 2 * labels.Length)
            throw new ArgumentException("class count does not match the label count");
    }

    /// <summary>True when transitions and labels are scored by separate tables.</summary>
    public bool IsFactored => _labelWeights is not null;
    internal WeightTable? LabelWeights => _labelWeights;

    public string Name => "parser";
    public IReadOnlyList<string> Requires { get; } = [Layers.Tokens, Layers.Sentences, Layers.Pos];
    public IReadOnlyList<string> Produces { get; } = [Layers.Dependencies];
    public ModelHeader? Header { get; private init; }
    /// <summary>Beam width used for decoding (1 = greedy); stored in the model, as it was trained with it.</summary>
    public int BeamWidth { get; }
    internal string[] Labels => _labels;

    /// <summary>The same model decoding with another beam width (e.g. 1 for maximum speed).</summary>
    public DependencyParser WithBeamWidth(int beamWidth) => new(_weights, _labels, beamWidth, _labelWeights, _clusters) { Header = Header };
    /// <summary>The word-class table the model was trained with, or null for a model without cluster features.</summary>
    internal WordClusters? Clusters => _clusters;
    internal WeightTable Weights => _weights;

    public static DependencyParser Load(string path)
    {
        var (header, r) = ModelFile.Read(path, ModelKind, [FeatureSetHash, ClusterFeatureSetHash]);
        var labels = r.ReadStrings();
        int beam = r.ReadInt32();
        if (beam < 1 || beam > 64) throw r.Corrupt("bad beam width");
        var clusters = header.FeatureSetHash == ClusterFeatureSetHash ? WordClusters.ReadFrom(r) : null;
        var weights = WeightTable.ReadFrom(r);
        // A factored model has a second table (labels) after the transition table.
        var labelWeights = r.AtEnd ? null : WeightTable.ReadFrom(r);
        if (labelWeights is null ? weights.ClassCount != 1 + 2 * labels.Length : weights.ClassCount != 3 || labelWeights.ClassCount != 2 * labels.Length)
            throw r.Corrupt("class count does not match the label count");
        if (!r.AtEnd) throw r.Corrupt("trailing data after the parser model");
        return new DependencyParser(weights, labels, beam, labelWeights, clusters) { Header = header };
    }

    internal void WritePayload(ModelWriter w)
    {
        w.WriteStrings(_labels);
        w.WriteInt32(BeamWidth);
        _clusters?.WriteTo(w);
        _weights.WriteTo(w);
        _labelWeights?.WriteTo(w);
    }

    public void Process(Document document)
    {
        int max = 1;
        foreach (var s in document.Sentences) max = Math.Max(max, s.TokenCount);
        var state = new ParserState(max) { UseClusters = _clusters is not null };
        var beam = BeamWidth > 1 ? new BeamScratch(BeamWidth, max) : null;
        var tokens = document.Tokens;
        var heads = ArrayPool<int>.Shared.Rent(max);
        var labels = ArrayPool<int>.Shared.Rent(max);
        try
        {
            foreach (var s in document.Sentences)
            {
                var span = tokens.Slice(s.TokenStart, s.TokenCount);
                int n = span.Length;
                if (n == 0) continue;
                state.Reset(n);
                for (int i = 0; i < n; i++)
                {
                    WordHashes.Compute(PosTagger.FormOf(document, in span[i]), i == 0, ref state.Words[i]);
                    state.Pos[i] = span[i].Tag is { } tag ? FeatureHash.Chars(tag) : 0x5441470000UL + (ulong)span[i].Pos;
                    state.Upos[i] = (ulong)span[i].Pos;
                }
                if (_clusters is not null) state.LookUpClusters(_clusters);
                if (beam is null) Parse(state);
                else ParseBeam(state, beam);
                bool anyEncoded = false;
                for (int i = 0; i < n; i++)
                {
                    heads[i] = state.Heads[i];
                    labels[i] = state.Labels[i];
                    anyEncoded |= _encoded[labels[i]];
                }
                if (anyEncoded) Deprojectivize(heads.AsSpan(0, n), labels.AsSpan(0, n), span);
                else
                    for (int i = 0; i < n; i++) span[i].Relation = _labels[labels[i]];
                for (int i = 0; i < n; i++)
                    span[i].Head = heads[i] == n ? -1 : s.TokenStart + heads[i];
                VoiceAgreement(span, heads.AsSpan(0, n));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(heads);
            ArrayPool<int>.Shared.Return(labels);
        }
    }

    /// <summary>
    /// Makes subject labels agree on voice, as UD English requires: a subject is <c>nsubj:pass</c> / <c>csubj:pass</c>
    /// exactly when its head has an <c>aux:pass</c>. The parser scores labels one at a time and sometimes disagrees
    /// with itself; heads are never changed.
    /// </summary>
    private static void VoiceAgreement(Span<TokenData> tokens, ReadOnlySpan<int> heads)
    {
        int n = tokens.Length;
        for (int i = 0; i < n; i++)
        {
            string? rel = tokens[i].Relation;
            if (rel is not ("nsubj" or "nsubj:pass" or "csubj" or "csubj:pass") || heads[i] >= n) continue;
            bool passive = false;
            for (int j = 0; j < n && !passive; j++) passive = heads[j] == heads[i] && tokens[j].Relation == "aux:pass";
            bool clausal = rel[0] == 'c';
            tokens[i].Relation = (clausal, passive) switch
            {
                (false, false) => "nsubj",
                (false, true) => "nsubj:pass",
                (true, false) => "csubj",
                (true, true) => "csubj:pass",
            };
        }
    }

    private void Deprojectivize(Span<int> heads, Span<int> labels, Span<TokenData> tokens)
    {
        int n = heads.Length;
        var h = heads.ToArray();
        var l = new string[n];
        for (int i = 0; i < n; i++) l[i] = _labels[labels[i]];
        PseudoProjective.Deprojectivize(h, l);
        for (int i = 0; i < n; i++)
        {
            heads[i] = h[i];
            tokens[i].Relation = l[i];
        }
    }

    /// <summary>Parses greedily; results in <see cref="ParserState.Heads"/> and <see cref="ParserState.Labels"/>.</summary>
    internal void Parse(ParserState state)
    {
        if (_labelWeights is not null) { ParseFactored(state, _labelWeights); return; }
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<int> scores = stackalloc int[_weights.ClassCount];
        while (!state.IsTerminal)
        {
            int nf = Features.Extract(state, feats);
            _weights.Score(feats[..nf], scores);
            int best = BestValid(state, scores);
            state.Apply(best);
        }
    }

    /// <summary>Greedy decoding with the factored model: 3 transition scores per step, label scores only for arcs.</summary>
    private void ParseFactored(ParserState state, WeightTable labelWeights)
    {
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<int> t = stackalloc int[3];
        Span<int> labels = stackalloc int[labelWeights.ClassCount];
        int count = _labels.Length;
        while (!state.IsTerminal)
        {
            int nf = Features.Extract(state, feats);
            _weights.Score(feats[..nf], t);
            int move = BestMove(state, t);
            if (move == 0) { state.Apply(0); continue; }
            labelWeights.Score(feats[..nf], labels);
            int label = BestLabel(labels, move, count);
            state.Apply(Action(move, label));
        }
    }

    /// <summary>Joint action id of an unlabeled move (1 left, 2 right) with a label.</summary>
    internal static int Action(int move, int label) => move + 2 * label;

    /// <summary>Best label for a move from factored label scores (left labels first, then right).</summary>
    internal static int BestLabel(ReadOnlySpan<int> scores, int move, int labelCount)
    {
        var s = scores.Slice(move == 1 ? 0 : labelCount, labelCount);
        int best = 0;
        for (int i = 1; i < s.Length; i++) if (s[i] > s[best]) best = i;
        return best;
    }

    internal static int BestLabel(ReadOnlySpan<float> scores, int move, int labelCount)
    {
        var s = scores.Slice(move == 1 ? 0 : labelCount, labelCount);
        int best = 0;
        for (int i = 1; i < s.Length; i++) if (s[i] > s[best]) best = i;
        return best;
    }

    /// <summary>Best valid unlabeled move (0 shift, 1 left, 2 right).</summary>
    internal static int BestMove<T>(ParserState state, ReadOnlySpan<T> scores) where T : IComparable<T>
    {
        int best = -1;
        if (state.CanShift) best = 0;
        if (state.CanLeft && (best < 0 || scores[1].CompareTo(scores[best]) > 0)) best = 1;
        if (state.CanRight && (best < 0 || scores[2].CompareTo(scores[best]) > 0)) best = 2;
        return best;
    }

    /// <summary>Per-call scratch for beam decoding (never shared between threads).</summary>
    internal sealed class BeamScratch
    {
        public BeamScratch(int width, int capacity)
        {
            Cur = new ParserState[width];
            Next = new ParserState[width];
            for (int i = 0; i < width; i++) { Cur[i] = new ParserState(capacity); Next[i] = new ParserState(capacity); }
            CurScore = new long[width];
            NextScore = new long[width];
            Cands = new (long, int, int)[width];
        }

        public ParserState[] Cur, Next;
        public long[] CurScore, NextScore;
        public (long Score, int Item, int Action)[] Cands;
    }

    /// <summary>Inserts a candidate into a descending top-k list; ties keep the earlier candidate (deterministic).</summary>
    internal static void Offer<T>(Span<(T Score, int Item, int Action)> cands, ref int count, T score, int item, int action) where T : IComparable<T>
    {
        int k = cands.Length;
        if (count == k && score.CompareTo(cands[k - 1].Score) <= 0) return;
        int pos = count < k ? count : k - 1;
        while (pos > 0 && score.CompareTo(cands[pos - 1].Score) > 0)
        {
            cands[pos] = cands[pos - 1];
            pos--;
        }
        cands[pos] = (score, item, action);
        if (count < k) count++;
    }

    /// <summary>Beam search; the best final configuration is copied into <paramref name="state"/>.</summary>
    internal void ParseBeam(ParserState state, BeamScratch b)
    {
        int n = state.N;
        int k = BeamWidth;
        if (b.Cur[0].Capacity < n) b = new BeamScratch(k, n);
        foreach (var st in b.Cur) { st.Reset(n); st.ShareInputs(state); }
        foreach (var st in b.Next) { st.Reset(n); st.ShareInputs(state); }
        int curCount = 1;
        b.CurScore[0] = 0;
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<int> scores = stackalloc int[1 + 2 * _labels.Length];
        Span<int> t = stackalloc int[3];
        Span<int> ls = stackalloc int[_labelWeights is null ? 0 : _labelWeights.ClassCount];
        var cands = b.Cands.AsSpan();
        for (int step = 0; step < 2 * n; step++)
        {
            int cc = 0;
            for (int i = 0; i < curCount; i++)
            {
                var st = b.Cur[i];
                int nf = Features.Extract(st, feats);
                if (_labelWeights is null) _weights.Score(feats[..nf], scores);
                else ScoreFactored(st, feats[..nf], t, ls, scores);
                long baseScore = b.CurScore[i];
                if (st.CanShift) Offer(cands, ref cc, baseScore + scores[0], i, 0);
                bool left = st.CanLeft, right = st.CanRight;
                for (int c = 1; c < scores.Length; c++)
                    if ((c & 1) == 1 ? left : right) Offer(cands, ref cc, baseScore + scores[c], i, c);
            }
            for (int j = 0; j < cc; j++)
            {
                b.Next[j].CopyFrom(b.Cur[cands[j].Item]);
                b.Next[j].Apply(cands[j].Action);
                b.NextScore[j] = cands[j].Score;
            }
            (b.Cur, b.Next) = (b.Next, b.Cur);
            (b.CurScore, b.NextScore) = (b.NextScore, b.CurScore);
            curCount = cc;
        }
        state.CopyFrom(b.Cur[0]);
    }

    /// <summary>
    /// Joint action scores from the factored tables for beam search: transition score plus label score, both rescaled to one
    /// integer unit (the label table's scale), so sums compare like the joint model's.
    /// </summary>
    private void ScoreFactored(ParserState st, ReadOnlySpan<ulong> feats, Span<int> t, Span<int> ls, Span<int> scores)
    {
        _weights.Score(feats, t);
        int count = _labels.Length;
        double ratio = _weights.Scale / _labelWeights!.Scale;
        scores[0] = (int)(t[0] * ratio);
        if (!st.CanLeft && !st.CanRight) return;
        _labelWeights.Score(feats, ls);
        int left = (int)(t[1] * ratio), right = (int)(t[2] * ratio);
        for (int l = 0; l < count; l++)
        {
            scores[1 + 2 * l] = left + ls[l];
            scores[2 + 2 * l] = right + ls[count + l];
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int BestValid(ParserState state, ReadOnlySpan<int> scores)
    {
        bool shift = state.CanShift, left = state.CanLeft, right = state.CanRight;
        int best = -1, bestScore = int.MinValue;
        if (shift) { best = 0; bestScore = scores[0]; }
        for (int c = 1; c < scores.Length; c++)
        {
            bool ok = (c & 1) == 1 ? left : right;
            if (ok && scores[c] > bestScore) { best = c; bestScore = scores[c]; }
        }
        return best;
    }

    internal static int BestValid(ParserState state, ReadOnlySpan<float> scores)
    {
        bool shift = state.CanShift, left = state.CanLeft, right = state.CanRight;
        int best = -1;
        float bestScore = float.NegativeInfinity;
        if (shift) { best = 0; bestScore = scores[0]; }
        for (int c = 1; c < scores.Length; c++)
        {
            bool ok = (c & 1) == 1 ? left : right;
            if (ok && (best < 0 || scores[c] > bestScore)) { best = c; bestScore = scores[c]; }
        }
        return best;
    }

    /// <summary>Feature extraction over a parser configuration.</summary>
    internal static class Features
    {
        private const ulong None = 0x4E4F4E45UL;
        private const ulong RootW = 0x524F4F54UL;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static int Extract(ParserState st, Span<ulong> f)
        {
            int n = st.N;
            int s0 = st.Stack(0), s1 = st.Stack(1), s2 = st.Stack(2);
            int b0 = st.B < n ? st.B : -1, b1 = st.B + 1 < n ? st.B + 1 : -1, b2 = st.B + 2 < n ? st.B + 2 : -1;
            int s0l1 = st.Child(s0, 0), s0l2 = st.Child(s0, 1), s0r1 = st.Child(s0, 2), s0r2 = st.Child(s0, 3);
            int s1l1 = st.Child(s1, 0), s1r1 = st.Child(s1, 2);
            int b0l1 = st.Child(b0, 0), b0l2 = st.Child(b0, 1);

            ulong s0w = W(st, s0), s0p = P(st, s0), s0u = U(st, s0);
            ulong s1w = W(st, s1), s1p = P(st, s1), s1u = U(st, s1);
            ulong s2p = P(st, s2);
            ulong b0w = W(st, b0), b0p = P(st, b0), b0u = U(st, b0);
            ulong b1w = W(st, b1), b1p = P(st, b1);
            ulong b2w = W(st, b2), b2p = P(st, b2);
            ulong d = s0 >= 0 && s0 < n && b0 >= 0 ? (ulong)Math.Min(b0 - s0, 6) : 99;
            ulong d1 = s0 >= 0 && s0 < n && s1 >= 0 && s1 < n ? (ulong)Math.Min(s0 - s1, 6) : 99;
            ulong s0vl = V(st, s0, 0), s0vr = V(st, s0, 1), b0vl = V(st, b0, 0), s1vr = V(st, s1, 1);

            int k = 0, t = 0;
            f[k++] = FeatureHash.Of(t++, s0w);
            f[k++] = FeatureHash.Of(t++, s0p);
            f[k++] = FeatureHash.Of(t++, s0w, s0p);
            f[k++] = FeatureHash.Of(t++, s0u);
            f[k++] = FeatureHash.Of(t++, s1w);
            f[k++] = FeatureHash.Of(t++, s1p);
            f[k++] = FeatureHash.Of(t++, s1w, s1p);
            f[k++] = FeatureHash.Of(t++, s2p);
            f[k++] = FeatureHash.Of(t++, b0w);
            f[k++] = FeatureHash.Of(t++, b0p);
            f[k++] = FeatureHash.Of(t++, b0w, b0p);
            f[k++] = FeatureHash.Of(t++, b0u);
            f[k++] = FeatureHash.Of(t++, b1w);
            f[k++] = FeatureHash.Of(t++, b1p);
            f[k++] = FeatureHash.Of(t++, b1w, b1p);
            f[k++] = FeatureHash.Of(t++, b2w);
            f[k++] = FeatureHash.Of(t++, b2p);
            // pairs
            f[k++] = FeatureHash.Of(t++, s0w ^ (s0p << 1), b0w, b0p);
            f[k++] = FeatureHash.Of(t++, s0w, s0p, b0w);
            f[k++] = FeatureHash.Of(t++, s0w, b0w, b0p);
            f[k++] = FeatureHash.Of(t++, s0w, s0p, b0p);
            f[k++] = FeatureHash.Of(t++, s0p, b0w, b0p);
            f[k++] = FeatureHash.Of(t++, s0w, b0w);
            f[k++] = FeatureHash.Of(t++, s0p, b0p);
            f[k++] = FeatureHash.Of(t++, b0p, b1p);
            f[k++] = FeatureHash.Of(t++, s0w, s1w);
            f[k++] = FeatureHash.Of(t++, s0p, s1p);
            f[k++] = FeatureHash.Of(t++, s0w, s0p, s1p);
            f[k++] = FeatureHash.Of(t++, s0p, s1w, s1p);
            // triples
            f[k++] = FeatureHash.Of(t++, b0p, b1p, b2p);
            f[k++] = FeatureHash.Of(t++, s0p, b0p, b1p);
            f[k++] = FeatureHash.Of(t++, s1p, s0p, b0p);
            f[k++] = FeatureHash.Of(t++, s2p, s1p, s0p);
            f[k++] = FeatureHash.Of(t++, s0p, P(st, s0l1), b0p);
            f[k++] = FeatureHash.Of(t++, s0p, P(st, s0r1), b0p);
            f[k++] = FeatureHash.Of(t++, s1p, P(st, s1r1), s0p);
            f[k++] = FeatureHash.Of(t++, s0p, b0p, P(st, b0l1));
            f[k++] = FeatureHash.Of(t++, s1p, P(st, s1l1), s0p);
            // distance
            f[k++] = FeatureHash.Of(t++, s0w, d);
            f[k++] = FeatureHash.Of(t++, s0p, d);
            f[k++] = FeatureHash.Of(t++, b0w, d);
            f[k++] = FeatureHash.Of(t++, b0p, d);
            f[k++] = FeatureHash.Of(t++, s0p, b0p, d);
            f[k++] = FeatureHash.Of(t++, s1p, s0p, d1);
            // valency
            f[k++] = FeatureHash.Of(t++, s0w, s0vr);
            f[k++] = FeatureHash.Of(t++, s0p, s0vr);
            f[k++] = FeatureHash.Of(t++, s0w, s0vl);
            f[k++] = FeatureHash.Of(t++, s0p, s0vl);
            f[k++] = FeatureHash.Of(t++, b0w, b0vl);
            f[k++] = FeatureHash.Of(t++, b0p, b0vl);
            f[k++] = FeatureHash.Of(t++, s1w, s1vr);
            f[k++] = FeatureHash.Of(t++, s1p, s1vr);
            // children
            f[k++] = FeatureHash.Of(t++, W(st, s0l1));
            f[k++] = FeatureHash.Of(t++, P(st, s0l1));
            f[k++] = FeatureHash.Of(t++, L(st, s0l1));
            f[k++] = FeatureHash.Of(t++, W(st, s0r1));
            f[k++] = FeatureHash.Of(t++, P(st, s0r1));
            f[k++] = FeatureHash.Of(t++, L(st, s0r1));
            f[k++] = FeatureHash.Of(t++, L(st, s1l1));
            f[k++] = FeatureHash.Of(t++, W(st, s1r1));
            f[k++] = FeatureHash.Of(t++, P(st, s1r1));
            f[k++] = FeatureHash.Of(t++, L(st, s1r1));
            f[k++] = FeatureHash.Of(t++, W(st, b0l1));
            f[k++] = FeatureHash.Of(t++, P(st, b0l1));
            f[k++] = FeatureHash.Of(t++, L(st, b0l1));
            f[k++] = FeatureHash.Of(t++, W(st, s0l2));
            f[k++] = FeatureHash.Of(t++, P(st, s0l2));
            f[k++] = FeatureHash.Of(t++, L(st, s0l2));
            f[k++] = FeatureHash.Of(t++, W(st, s0r2));
            f[k++] = FeatureHash.Of(t++, P(st, s0r2));
            f[k++] = FeatureHash.Of(t++, L(st, s0r2));
            f[k++] = FeatureHash.Of(t++, W(st, b0l2));
            f[k++] = FeatureHash.Of(t++, P(st, b0l2));
            f[k++] = FeatureHash.Of(t++, L(st, b0l2));
            // third order and extras
            f[k++] = FeatureHash.Of(t++, s0p, L(st, s0l1), L(st, s0l2));
            f[k++] = FeatureHash.Of(t++, s0p, L(st, s0r1), L(st, s0r2));
            f[k++] = FeatureHash.Of(t++, b0p, L(st, b0l1), L(st, b0l2));
            f[k++] = FeatureHash.Of(t++, s1p, L(st, s1r1), s0p);
            f[k++] = FeatureHash.Of(t++, s0u, b0u);
            f[k++] = FeatureHash.Of(t++, s0u, s1u, b0u);
            f[k++] = FeatureHash.Of(t++, b0w, b1w);
            f[k++] = FeatureHash.Of(t++, s0w, b0w, b1p);
            // Zhang and Nivre label sets and word-pair distance; s1 against b0 (arc-hybrid's RIGHT versus LEFT choice)
            ulong s0sl = S(st, s0, 0), s0sr = S(st, s0, 1), b0sl = S(st, b0, 0);
            f[k++] = FeatureHash.Of(t++, s0w, b0w, d);
            f[k++] = FeatureHash.Of(t++, s0w, s0sr);
            f[k++] = FeatureHash.Of(t++, s0p, s0sr);
            f[k++] = FeatureHash.Of(t++, s0w, s0sl);
            f[k++] = FeatureHash.Of(t++, s0p, s0sl);
            f[k++] = FeatureHash.Of(t++, b0w, b0sl);
            f[k++] = FeatureHash.Of(t++, b0p, b0sl);
            f[k++] = FeatureHash.Of(t++, s1w, b0w);
            f[k++] = FeatureHash.Of(t++, s1p, b0p);
            f[k++] = FeatureHash.Of(t++, s1w, s0p, b0p);
            f[k++] = FeatureHash.Of(t++, s1p, s0w, b0p);
            f[k++] = FeatureHash.Of(t++, s1p, s0p, b0w);
            f[k++] = FeatureHash.Of(t++, s1w, s0w);
            f[k++] = FeatureHash.Of(t++, s1p ^ (s0p << 1), b0p, b1p);
            f[k++] = FeatureHash.Of(t++, s0u, b0u, d);
            f[k++] = FeatureHash.Of(t++, s1u, s0u, d1);
            if (!st.UseClusters) return k;
            ulong s0c = C(st, s0, 8), b0c = C(st, b0, 8);
            f[k++] = FeatureHash.Of(t++, s0c);
            f[k++] = FeatureHash.Of(t++, C(st, s1, 8));
            f[k++] = FeatureHash.Of(t++, b0c);
            f[k++] = FeatureHash.Of(t++, s0c, b0c);
            f[k++] = FeatureHash.Of(t++, C(st, s0, 16), C(st, b0, 16));
            return k;
        }

        /// <summary>Word class at one level (shift 8: 250 classes, 16: 1,000 classes); 0 for a word not in the table.</summary>
        private static ulong C(ParserState st, int i, int shift) =>
            i < 0 ? None : i == st.N ? RootW : (ulong)((st.Clusters[i] >> shift) & (shift == 8 ? 0xFF : 0xFFF));

        private static ulong W(ParserState st, int i) => i < 0 ? None : i == st.N ? RootW : st.Words[i].Norm;
        private static ulong P(ParserState st, int i) => i < 0 ? None : i == st.N ? RootW : st.Pos[i];
        private static ulong U(ParserState st, int i) => i < 0 ? None : i == st.N ? RootW : st.Upos[i];
        private static ulong L(ParserState st, int i) => i < 0 ? None : (ulong)(st.Labels[i] + 1);
        private static ulong S(ParserState st, int i, int side) => i < 0 || i == st.N ? None : side == 0 ? st.LeftLabels[i] : st.RightLabels[i];
        private static ulong V(ParserState st, int i, int side) => i < 0 || i == st.N ? None : (ulong)Math.Min(side == 0 ? st.LeftCount[i] : st.RightCount[i], 4);
    }
}

/// <summary>Arc-hybrid configuration: stack (root = index N at the bottom), buffer front B, partial tree.</summary>
internal sealed class ParserState
{
    private int[] _stack;
    private int _depth;

    public ParserState(int capacity)
    {
        Resize(capacity);
        _stack = new int[capacity + 1];
        Words = new WordHashes[capacity];
    }

    public int N { get; private set; }
    public int B { get; private set; }
    public WordHashes[] Words { get; private set; }
    public ulong[] Pos { get; private set; } = [];
    public ulong[] Upos { get; private set; } = [];
    /// <summary>Packed <see cref="WordClusters"/> value per word (0 = not in the table); read only when <see cref="UseClusters"/>.</summary>
    public int[] Clusters { get; private set; } = [];
    public bool UseClusters { get; set; }
    public int[] Heads { get; private set; } = [];
    public int[] Labels { get; private set; } = [];
    public int[] LeftCount { get; private set; } = [];
    public int[] RightCount { get; private set; } = [];
    /// <summary>Bit sets (label id mod 64) of the labels of left and right children.</summary>
    public ulong[] LeftLabels { get; private set; } = [];
    public ulong[] RightLabels { get; private set; } = [];
    /// <summary>Per word: two leftmost and two rightmost children.</summary>
    private int[] _children = [];

    private void Resize(int capacity)
    {
        Pos = new ulong[capacity];
        Upos = new ulong[capacity];
        Clusters = new int[capacity];
        Heads = new int[capacity];
        Labels = new int[capacity];
        LeftCount = new int[capacity];
        RightCount = new int[capacity];
        LeftLabels = new ulong[capacity];
        RightLabels = new ulong[capacity];
        _children = new int[(capacity + 1) * 4];
    }

    public int Capacity => Heads.Length;

    /// <summary>Copies the configuration (not the word features) of <paramref name="o"/>, which has the same sentence.</summary>
    public void CopyFrom(ParserState o)
    {
        int n = o.N;
        N = n;
        B = o.B;
        _depth = o._depth;
        Array.Copy(o._stack, _stack, o._depth);
        Array.Copy(o.Heads, Heads, n);
        Array.Copy(o.Labels, Labels, n);
        Array.Copy(o.LeftCount, LeftCount, n);
        Array.Copy(o.RightCount, RightCount, n);
        Array.Copy(o.LeftLabels, LeftLabels, n);
        Array.Copy(o.RightLabels, RightLabels, n);
        Array.Copy(o._children, _children, (n + 1) * 4);
    }

    /// <summary>Shares the per-word inputs of <paramref name="o"/> (read-only during parsing).</summary>
    public void ShareInputs(ParserState o)
    {
        Words = o.Words;
        Pos = o.Pos;
        Upos = o.Upos;
        Clusters = o.Clusters;
        UseClusters = o.UseClusters;
    }

    /// <summary>Fills <see cref="Clusters"/> for the current sentence from the words' lower-case hashes.</summary>
    public void LookUpClusters(WordClusters clusters)
    {
        for (int i = 0; i < N; i++) Clusters[i] = clusters.Lookup(Words[i].Lower);
    }

    public void Reset(int n)
    {
        if (n > Heads.Length)
        {
            Resize(n);
            _stack = new int[n + 1];
            Words = new WordHashes[n];
        }
        N = n;
        B = 0;
        _depth = 1;
        _stack[0] = n;
        Array.Fill(Heads, -1, 0, n);
        Array.Fill(Labels, -1, 0, n);
        Array.Clear(LeftCount, 0, n);
        Array.Clear(RightCount, 0, n);
        Array.Clear(LeftLabels, 0, n);
        Array.Clear(RightLabels, 0, n);
        Array.Fill(_children, -1, 0, (n + 1) * 4);
    }

    public int Depth => _depth;
    /// <summary>The i-th stack item from the top, or -1.</summary>
    public int Stack(int i) => i < _depth ? _stack[_depth - 1 - i] : -1;
    public ReadOnlySpan<int> StackItems => _stack.AsSpan(0, _depth);

    /// <summary>which: 0 leftmost, 1 second leftmost, 2 rightmost, 3 second rightmost; -1 when absent.</summary>
    public int Child(int word, int which) => word < 0 ? -1 : _children[word * 4 + which];

    public bool IsTerminal => B >= N && _depth == 1;
    public bool CanShift => B < N;
    public bool CanLeft => _depth >= 1 && _stack[_depth - 1] != N && B < N;
    public bool CanRight => _depth >= 2 && (_stack[_depth - 2] != N || B >= N);

    public void Apply(int action)
    {
        if (action == 0)
        {
            _stack[_depth++] = B++;
            return;
        }
        int label = (action - 1) >> 1;
        int s0 = _stack[--_depth];
        int head = (action & 1) == 1 ? B : _stack[_depth - 1];
        AddArc(head, s0, label);
    }

    private void AddArc(int head, int dep, int label)
    {
        Heads[dep] = head;
        Labels[dep] = label;
        if (head == N) return;
        int b = head * 4;
        if (dep < head)
        {
            LeftCount[head]++;
            LeftLabels[head] |= 1UL << (label & 63);
            if (_children[b] < 0 || dep < _children[b]) { _children[b + 1] = _children[b]; _children[b] = dep; }
            else if (_children[b + 1] < 0 || dep < _children[b + 1]) _children[b + 1] = dep;
        }
        else
        {
            RightCount[head]++;
            RightLabels[head] |= 1UL << (label & 63);
            if (_children[b + 2] < 0 || dep > _children[b + 2]) { _children[b + 3] = _children[b + 2]; _children[b + 2] = dep; }
            else if (_children[b + 3] < 0 || dep > _children[b + 3]) _children[b + 3] = dep;
        }
    }
}
