using System.Diagnostics;
using System.Globalization;
using Sitrep.Learning;
using Sitrep.Text.Formats;

namespace Sitrep.Models;

public sealed record ParserTrainingOptions
{
    public int Epochs { get; init; } = 15;
    /// <summary>Stop when dev LAS has not improved for this many epochs.</summary>
    public int Patience { get; init; } = 3;
    public ulong Seed { get; init; } = 20260502;
    /// <summary>From the second epoch, follow the model's own (possibly wrong) transition with this probability (dynamic-oracle exploration).</summary>
    public double ExploreProbability { get; init; } = 0.9;
    /// <summary>Features updated fewer times are pruned (keeps the shipped model small).</summary>
    public int MinUpdates { get; init; } = 3;
    /// <summary>Size budget of the weight table: rarer features are pruned until the table fits (0 = no budget).</summary>
    public long MaxWeightBytes { get; init; } = 24L << 20;
    /// <summary>Folds for jackknifed training-set POS tags (0 or 1 = use the given tagger on the training set).</summary>
    public int JackknifeFolds { get; init; } = 5;
    public int JackknifeTaggerEpochs { get; init; } = 10;
    /// <summary>1 = greedy with the dynamic oracle; above 1 = beam search trained with early update on the static oracle.</summary>
    public int BeamWidth { get; init; } = DefaultBeamWidth;
    public const int DefaultBeamWidth = 1;
    /// <summary>Greedy training only: separate unlabeled-transition (3 classes) and label (2 × labels) classifiers.</summary>
    public bool Factored { get; init; }
    /// <summary>
    /// Lifted-arc labels (<c>label|headlabel</c>) seen fewer times than this in training are replaced by their plain label:
    /// the arc stays lifted. Every label adds two classes to score at each transition, and the 125 rare lifted labels of
    /// EWT + GUM more than double the class count (1 = keep every lifted label).
    /// </summary>
    public int MinLiftCount { get; init; } = 1;
    /// <summary>Word classes for the cluster feature templates (embedded in the model), or null for none.</summary>
    public WordClusters? Clusters { get; init; }
}

public sealed record ParserTrainingResult(DependencyParser Parser, int BestEpoch, double DevUas, double DevLas)
{
    public IReadOnlyList<KeyValuePair<string, double>> Scores => [new("uas", DevUas), new("las", DevLas)];
}

/// <summary>Predicted (UPOS, XPOS) per word of one sentence, the parser's input.</summary>
public readonly record struct SentenceTags(Upos[] Upos, string[] Xpos);

public static class DependencyParserTrainer
{
    internal sealed class Prepared
    {
        public required ConlluSentence Sentence;
        public required WordHashes[] Words;
        public required ulong[] Pos;
        public required ulong[] Upos;
        public required int[] GoldHeads;   // projectivized, n = root
        public required int[] GoldLabels;  // projectivized label ids
        public int[]? Clusters;            // packed word classes, when the model uses them
    }

    /// <summary>Tags sentences with a trained tagger (gold tokenization).</summary>
    public static List<SentenceTags> Tag(PosTagger tagger, IReadOnlyList<ConlluSentence> sentences)
    {
        var result = new List<SentenceTags>(sentences.Count);
        var doc = ConlluDocument.FromSentences(sentences);
        tagger.Process(doc);
        foreach (var s in doc.Sentences)
        {
            var toks = doc.SentenceTokens(s);
            var u = new Upos[toks.Length];
            var x = new string[toks.Length];
            for (int i = 0; i < toks.Length; i++) { u[i] = toks[i].Pos; x[i] = toks[i].Tag ?? "_"; }
            result.Add(new SentenceTags(u, x));
        }
        return result;
    }

    /// <summary>K-fold jackknifed tags for the training set: each fold is tagged by a tagger trained on the other folds.</summary>
    public static List<SentenceTags> Jackknife(IReadOnlyList<ConlluSentence> train, IReadOnlyList<ConlluSentence> dev, int folds, int taggerEpochs, Action<string>? progress)
    {
        var tags = new SentenceTags[train.Count];
        for (int f = 0; f < folds; f++)
        {
            var rest = new List<ConlluSentence>();
            var held = new List<ConlluSentence>();
            var heldIndex = new List<int>();
            for (int i = 0; i < train.Count; i++)
            {
                if (i % folds == f) { held.Add(train[i]); heldIndex.Add(i); }
                else rest.Add(train[i]);
            }
            var sw = Stopwatch.StartNew();
            var r = PosTaggerTrainer.Train(rest, dev, new PosTrainingOptions { Epochs = taggerEpochs, TrainLemmatizer = false }, null);
            var t = Tag(r.Tagger, held);
            long ok = 0, total = 0;
            for (int k = 0; k < held.Count; k++)
            {
                tags[heldIndex[k]] = t[k];
                for (int i = 0; i < held[k].Words.Count; i++, total++) if (t[k].Upos[i] == held[k].Words[i].UposTag) ok++;
            }
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"jackknife fold {f + 1}/{folds}: held-out upos {(double)ok / total:0.0000}  {sw.Elapsed.TotalSeconds:0.0}s"));
        }
        return [.. tags];
    }

    public static ParserTrainingResult Train(IReadOnlyList<ConlluSentence> train, IReadOnlyList<SentenceTags> trainTags,
        IReadOnlyList<ConlluSentence> dev, IReadOnlyList<SentenceTags> devTags, ParserTrainingOptions options, Action<string>? progress = null)
    {
        // Label set from the projectivized training trees.
        var projected = new List<(ConlluSentence S, SentenceTags T, int[] Heads, string[] Labels)>();
        int lifted = 0;
        for (int i = 0; i < train.Count; i++)
        {
            var s = train[i];
            if (!s.HasTree) continue;
            int n = s.Words.Count;
            var heads = new int[n];
            var labels = new string[n];
            for (int k = 0; k < n; k++)
            {
                heads[k] = s.Words[k].Head == 0 ? n : s.Words[k].Head - 1;
                labels[k] = s.Words[k].Deprel ?? "dep";
            }
            lifted += PseudoProjective.Projectivize(heads, labels);
            projected.Add((s, trainTags[i], heads, labels));
        }
        if (options.MinLiftCount > 1)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var p in projected)
                foreach (var l in p.Labels) counts[l] = counts.GetValueOrDefault(l) + 1;
            int merged = 0;
            foreach (var p in projected)
                for (int k = 0; k < p.Labels.Length; k++)
                {
                    var l = p.Labels[k];
                    if (counts[l] >= options.MinLiftCount || PseudoProjective.BaseLabel(l) is var b && b.Length == l.Length) continue;
                    p.Labels[k] = b;
                    merged++;
                }
            progress?.Invoke($"{merged} lifted arcs with a label seen fewer than {options.MinLiftCount} times keep their plain label");
        }
        var labelSet = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in projected) foreach (var l in p.Labels) labelSet.Add(l);
        var labelNames = labelSet.ToArray();
        var labelIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labelNames.Length; i++) labelIds[labelNames[i]] = i;
        progress?.Invoke($"{projected.Count} training trees, {lifted} arcs lifted, {labelNames.Length} labels");

        var data = new List<Prepared>(projected.Count);
        foreach (var (s, t, heads, labels) in projected)
        {
            var p = PrepareInput(s, t, options.Clusters);
            p.GoldHeads = heads;
            p.GoldLabels = new int[heads.Length];
            for (int k = 0; k < heads.Length; k++) p.GoldLabels[k] = labelIds[labels[k]];
            data.Add(p);
        }
        var devData = new List<Prepared>(dev.Count);
        for (int i = 0; i < dev.Count; i++) if (dev[i].HasTree) devData.Add(PrepareInput(dev[i], devTags[i], options.Clusters));

        if (options.Factored)
        {
            if (options.BeamWidth != 1) throw new ArgumentException("the factored parser is trained greedily (beam width 1)");
            return TrainFactored(data, devData, labelNames, options, progress);
        }
        int classes = 1 + 2 * labelNames.Length;
        var model = new AveragedPerceptron(classes);
        var rng = new DeterministicRandom(options.Seed);
        var order = new List<int>(data.Count);
        for (int i = 0; i < data.Count; i++) order.Add(i);
        int maxLen = 1;
        foreach (var p in data) maxLen = Math.Max(maxLen, p.Words.Length);
        var state = new ParserState(maxLen);
        var feats = new ulong[DependencyParser.MaxFeatures];
        var scores = new float[classes];
        var beam = options.BeamWidth > 1 ? new TrainingBeam(options.BeamWidth, maxLen) : null;
        var scratch = new ParserState(maxLen);

        DependencyParser? best = null;
        double bestLas = -1, bestUas = 0;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var sw = Stopwatch.StartNew();
            rng.Shuffle(order);
            long correct = 0, total = 0;
            foreach (int si in order)
            {
                var p = data[si];
                if (beam is not null)
                {
                    var (ok, steps) = TrainBeam(model, beam, state, scratch, p, feats, scores);
                    correct += ok;
                    total += steps;
                    continue;
                }
                Load(state, p);
                while (!state.IsTerminal)
                {
                    int nf = DependencyParser.Features.Extract(state, feats);
                    var fs = feats.AsSpan(0, nf);
                    model.Score(fs, scores);
                    int guess = DependencyParser.BestValid(state, scores);
                    int gold = BestZeroCost(state, p, scores);
                    model.Update(fs, gold, guess);
                    if (IsZeroCost(state, p, guess)) correct++;
                    total++;
                    bool explore = epoch > 1 && (rng.NextUInt64() % 1_000_000) < (ulong)(options.ExploreProbability * 1_000_000);
                    state.Apply(explore ? guess : gold);
                }
            }
            int minUpdates = options.MaxWeightBytes > 0 ? model.MinUpdatesForBudget(options.MaxWeightBytes, options.MinUpdates) : options.MinUpdates;
            var parser = new DependencyParser(model.Compile(minUpdates), labelNames, options.BeamWidth, clusters: options.Clusters);
            var (uas, las) = Evaluate(parser, devData);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch,2}  train acc {(double)correct / total:0.0000}  dev uas {uas:0.0000}  las {las:0.0000}  features {parser.Weights.FeatureCount} (min updates {minUpdates})  {sw.Elapsed.TotalSeconds:0.0}s"));
            if (las > bestLas)
            {
                best = parser;
                bestLas = las;
                bestUas = uas;
                bestEpoch = epoch;
            }
            else if (epoch - bestEpoch >= options.Patience)
            {
                progress?.Invoke($"early stop: no dev LAS improvement for {options.Patience} epochs; keeping epoch {bestEpoch}");
                break;
            }
        }
        return new ParserTrainingResult(best!, bestEpoch, bestUas, bestLas);
    }

    /// <summary>
    /// Greedy training of the factored model with the dynamic oracle and error exploration (Goldberg and Nivre 2012):
    /// the transition classifier learns from the best zero-cost unlabeled move; the label classifier learns the gold label
    /// whenever the zero-cost move attaches s0 to its gold head. From epoch 2 the parser follows its own prediction with
    /// probability <see cref="ParserTrainingOptions.ExploreProbability"/>.
    /// </summary>
    private static ParserTrainingResult TrainFactored(List<Prepared> data, List<Prepared> devData, string[] labelNames, ParserTrainingOptions options, Action<string>? progress)
    {
        int count = labelNames.Length;
        var moves = new AveragedPerceptron(3);
        var labelModel = new AveragedPerceptron(2 * count);
        var rng = new DeterministicRandom(options.Seed);
        var order = new List<int>(data.Count);
        for (int i = 0; i < data.Count; i++) order.Add(i);
        int maxLen = 1;
        foreach (var p in data) maxLen = Math.Max(maxLen, p.Words.Length);
        var state = new ParserState(maxLen);
        var feats = new ulong[DependencyParser.MaxFeatures];
        var t = new float[3];
        var ls = new float[2 * count];

        DependencyParser? best = null;
        double bestLas = -1, bestUas = 0;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var sw = Stopwatch.StartNew();
            rng.Shuffle(order);
            long correct = 0, total = 0;
            foreach (int si in order)
            {
                var p = data[si];
                Load(state, p);
                while (!state.IsTerminal)
                {
                    int nf = DependencyParser.Features.Extract(state, feats);
                    var fs = feats.AsSpan(0, nf);
                    moves.Score(fs, t);
                    int guess = DependencyParser.BestMove<float>(state, t);
                    int gold = BestZeroCostMove(state, p, t);
                    moves.Update(fs, gold, guess);
                    int s0 = state.Stack(0);
                    int goldHead = gold == 1 ? state.B : gold == 2 ? state.Stack(1) : -2;
                    bool arcCorrect = gold != 0 && p.GoldHeads[s0] == goldHead;
                    bool explore = epoch > 1 && (rng.NextUInt64() % 1_000_000) < (ulong)(options.ExploreProbability * 1_000_000);
                    int move = explore ? guess : gold;
                    int label = 0;
                    if (arcCorrect || move != 0)
                    {
                        labelModel.Score(fs, ls);
                        if (arcCorrect)
                        {
                            int predicted = DependencyParser.BestLabel(ls, gold, count);
                            int offset = gold == 1 ? 0 : count;
                            labelModel.Update(fs, offset + p.GoldLabels[s0], offset + predicted);
                        }
                        if (move != 0) label = move == gold && arcCorrect && !explore ? p.GoldLabels[s0] : DependencyParser.BestLabel(ls, move, count);
                    }
                    if (guess == gold) correct++;
                    total++;
                    state.Apply(move == 0 ? 0 : DependencyParser.Action(move, label));
                }
            }
            long half = options.MaxWeightBytes / 2;
            int minMoves = half > 0 ? moves.MinUpdatesForBudget(half, options.MinUpdates) : options.MinUpdates;
            int minLabels = half > 0 ? labelModel.MinUpdatesForBudget(half, options.MinUpdates) : options.MinUpdates;
            var parser = new DependencyParser(moves.Compile(minMoves), labelNames, 1, labelModel.Compile(minLabels), options.Clusters);
            var (uas, las) = Evaluate(parser, devData);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch,2}  train move acc {(double)correct / total:0.0000}  dev uas {uas:0.0000}  las {las:0.0000}  features {parser.Weights.FeatureCount}+{parser.LabelWeights!.FeatureCount} (min updates {minMoves}/{minLabels})  {sw.Elapsed.TotalSeconds:0.0}s"));
            if (las > bestLas)
            {
                best = parser;
                bestLas = las;
                bestUas = uas;
                bestEpoch = epoch;
            }
            else if (epoch - bestEpoch >= options.Patience)
            {
                progress?.Invoke($"early stop: no dev LAS improvement for {options.Patience} epochs; keeping epoch {bestEpoch}");
                break;
            }
        }
        return new ParserTrainingResult(best!, bestEpoch, bestUas, bestLas);
    }

    private static int BestZeroCostMove(ParserState st, Prepared p, float[] t)
    {
        int best = -1;
        if (st.CanShift && CostShift(st, p.GoldHeads) == 0) best = 0;
        if (st.CanLeft && CostLeft(st, p.GoldHeads) == 0 && (best < 0 || t[1] > t[best])) best = 1;
        if (st.CanRight && CostRight(st, p.GoldHeads) == 0 && (best < 0 || t[2] > t[best])) best = 2;
        if (best < 0) throw new InvalidOperationException("dynamic oracle found no zero-cost transition (non-projective gold tree?)");
        return best;
    }

    public static void Save(string path, ParserTrainingResult result, string trainingData)
    {
        var w = new ModelWriter();
        result.Parser.WritePayload(w);
        ModelFile.Write(path, new ModelHeader
        {
            Kind = DependencyParser.ModelKind,
            FeatureSetHash = result.Parser.Clusters is null ? DependencyParser.FeatureSetHash : DependencyParser.ClusterFeatureSetHash,
            TrainingData = trainingData,
            License = PosTaggerTrainer.License,
            Scores = result.Scores,
        }, w.WrittenSpan);
    }

    private static Prepared PrepareInput(ConlluSentence s, SentenceTags t, WordClusters? clusters)
    {
        int n = s.Words.Count;
        var words = new WordHashes[n];
        var pos = new ulong[n];
        var upos = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            WordHashes.Compute(s.Words[i].Form, i == 0, ref words[i]);
            pos[i] = FeatureHash.Chars(t.Xpos[i]);
            upos[i] = (ulong)t.Upos[i];
        }
        int[]? classes = null;
        if (clusters is not null)
        {
            classes = new int[n];
            for (int i = 0; i < n; i++) classes[i] = clusters.Lookup(words[i].Lower);
        }
        return new Prepared { Sentence = s, Words = words, Pos = pos, Upos = upos, GoldHeads = [], GoldLabels = [], Clusters = classes };
    }

    private static void Load(ParserState st, Prepared p)
    {
        int n = p.Words.Length;
        st.Reset(n);
        p.Words.AsSpan().CopyTo(st.Words);
        p.Pos.AsSpan().CopyTo(st.Pos);
        p.Upos.AsSpan().CopyTo(st.Upos);
        st.UseClusters = p.Clusters is not null;
        p.Clusters?.AsSpan().CopyTo(st.Clusters);
    }

    // Arc-hybrid dynamic oracle (Goldberg and Nivre 2013): the number of gold arcs a transition makes unreachable.
    internal static int CostShift(ParserState st, int[] gold)
    {
        int b = st.B, n = st.N, cost = 0;
        var stack = st.StackItems;
        int s0 = stack[^1];
        foreach (int s in stack)
        {
            if (s != n && gold[s] == b) cost++;
            if (s != s0 && gold[b] == s) cost++;
        }
        return cost;
    }

    internal static int CostLeft(ParserState st, int[] gold)
    {
        int s0 = st.Stack(0), s1 = st.Stack(1), n = st.N, b = st.B;
        int h = gold[s0];
        int cost = (h == s1 || (h > b && h < n)) ? 1 : 0;
        for (int d = b; d < n; d++) if (gold[d] == s0) cost++;
        return cost;
    }

    internal static int CostRight(ParserState st, int[] gold)
    {
        int s0 = st.Stack(0), n = st.N, b = st.B;
        int h = gold[s0];
        int cost = (h >= b && h < n) ? 1 : 0;
        for (int d = b; d < n; d++) if (gold[d] == s0) cost++;
        return cost;
    }

    private static bool IsZeroCost(ParserState st, Prepared p, int action)
    {
        if (action == 0) return st.CanShift && CostShift(st, p.GoldHeads) == 0;
        int label = (action - 1) >> 1;
        int s0 = st.Stack(0);
        if ((action & 1) == 1)
            return st.CanLeft && CostLeft(st, p.GoldHeads) == 0 && (p.GoldHeads[s0] != st.B || p.GoldLabels[s0] == label);
        return st.CanRight && CostRight(st, p.GoldHeads) == 0 && (p.GoldHeads[s0] != st.Stack(1) || p.GoldLabels[s0] == label);
    }

    private static int BestZeroCost(ParserState st, Prepared p, float[] scores)
    {
        bool shift = st.CanShift && CostShift(st, p.GoldHeads) == 0;
        bool left = st.CanLeft && CostLeft(st, p.GoldHeads) == 0;
        bool right = st.CanRight && CostRight(st, p.GoldHeads) == 0;
        int s0 = st.Stack(0);
        int leftOnly = left && p.GoldHeads[s0] == st.B ? p.GoldLabels[s0] : -1;
        int rightOnly = right && p.GoldHeads[s0] == st.Stack(1) ? p.GoldLabels[s0] : -1;
        int best = -1;
        float bestScore = float.NegativeInfinity;
        if (shift) { best = 0; bestScore = scores[0]; }
        for (int c = 1; c < scores.Length; c++)
        {
            int label = (c - 1) >> 1;
            bool ok = (c & 1) == 1 ? left && (leftOnly < 0 || leftOnly == label) : right && (rightOnly < 0 || rightOnly == label);
            if (ok && (best < 0 || scores[c] > bestScore)) { best = c; bestScore = scores[c]; }
        }
        if (best < 0) throw new InvalidOperationException("dynamic oracle found no zero-cost transition (non-projective gold tree?)");
        return best;
    }

    private sealed class TrainingBeam
    {
        public TrainingBeam(int width, int capacity)
        {
            Width = width;
            Cur = new ParserState[width];
            Next = new ParserState[width];
            for (int i = 0; i < width; i++) { Cur[i] = new ParserState(capacity); Next[i] = new ParserState(capacity); }
            CurScore = new double[width];
            NextScore = new double[width];
            CurHistory = new int[width][];
            NextHistory = new int[width][];
            for (int i = 0; i < width; i++) { CurHistory[i] = new int[2 * capacity]; NextHistory[i] = new int[2 * capacity]; }
            CurGold = new bool[width];
            NextGold = new bool[width];
            Cands = new (double, int, int)[width];
            Gold = new int[2 * capacity];
        }

        public int Width;
        public ParserState[] Cur, Next;
        public double[] CurScore, NextScore;
        public int[][] CurHistory, NextHistory;
        public bool[] CurGold, NextGold;
        public (double Score, int Item, int Action)[] Cands;
        public int[] Gold;
    }

    /// <summary>Static oracle: the canonical transition sequence for a projective gold tree.</summary>
    private static void GoldSequence(ParserState st, Prepared p, int[] gold)
    {
        Load(st, p);
        int t = 0;
        while (!st.IsTerminal)
        {
            int s0 = st.Stack(0);
            int a;
            if (st.CanLeft && p.GoldHeads[s0] == st.B && CostLeft(st, p.GoldHeads) == 0) a = 1 + 2 * p.GoldLabels[s0];
            else if (st.CanRight && p.GoldHeads[s0] == st.Stack(1) && CostRight(st, p.GoldHeads) == 0) a = 2 + 2 * p.GoldLabels[s0];
            else if (st.CanShift) a = 0;
            else throw new InvalidOperationException("static oracle is stuck (non-projective gold tree?)");
            gold[t++] = a;
            st.Apply(a);
        }
    }

    /// <summary>Beam training on one sentence with early update (Collins and Roark 2004; Zhang and Clark 2008).</summary>
    private static (long Correct, long Steps) TrainBeam(AveragedPerceptron model, TrainingBeam b, ParserState primary, ParserState scratch, Prepared p, ulong[] feats, float[] scores)
    {
        int n = p.Words.Length;
        GoldSequence(primary, p, b.Gold);
        Load(primary, p);
        foreach (var st in b.Cur) { st.Reset(n); st.ShareInputs(primary); }
        foreach (var st in b.Next) { st.Reset(n); st.ShareInputs(primary); }
        int curCount = 1;
        b.CurScore[0] = 0;
        b.CurGold[0] = true;
        var cands = b.Cands.AsSpan();
        model.Tick();
        for (int step = 0; step < 2 * n; step++)
        {
            int cc = 0;
            for (int i = 0; i < curCount; i++)
            {
                var st = b.Cur[i];
                int nf = DependencyParser.Features.Extract(st, feats);
                model.Score(feats.AsSpan(0, nf), scores);
                double baseScore = b.CurScore[i];
                if (st.CanShift) DependencyParser.Offer(cands, ref cc, baseScore + scores[0], i, 0);
                bool left = st.CanLeft, right = st.CanRight;
                for (int c = 1; c < scores.Length; c++)
                    if ((c & 1) == 1 ? left : right) DependencyParser.Offer(cands, ref cc, baseScore + scores[c], i, c);
            }
            bool goldIn = false;
            for (int j = 0; j < cc; j++)
            {
                var (score, item, action) = cands[j];
                b.Next[j].CopyFrom(b.Cur[item]);
                b.Next[j].Apply(action);
                b.NextScore[j] = score;
                Array.Copy(b.CurHistory[item], b.NextHistory[j], step);
                b.NextHistory[j][step] = action;
                b.NextGold[j] = b.CurGold[item] && action == b.Gold[step];
                goldIn |= b.NextGold[j];
            }
            (b.Cur, b.Next) = (b.Next, b.Cur);
            (b.CurScore, b.NextScore) = (b.NextScore, b.CurScore);
            (b.CurHistory, b.NextHistory) = (b.NextHistory, b.CurHistory);
            (b.CurGold, b.NextGold) = (b.NextGold, b.CurGold);
            curCount = cc;
            if (!goldIn)
            {
                StructuredUpdate(model, scratch, p, b.Gold, b.CurHistory[0], step + 1, feats);
                return (step, 2 * n);
            }
        }
        if (!b.CurGold[0]) StructuredUpdate(model, scratch, p, b.Gold, b.CurHistory[0], 2 * n, feats);
        return (b.CurGold[0] ? 2 * n : 2 * n - 1, 2 * n);
    }

    private static void StructuredUpdate(AveragedPerceptron model, ParserState st, Prepared p, int[] gold, int[] predicted, int length, ulong[] feats)
    {
        int common = 0;
        while (common < length && gold[common] == predicted[common]) common++;
        for (int pass = 0; pass < 2; pass++)
        {
            var seq = pass == 0 ? gold : predicted;
            float delta = pass == 0 ? 1f : -1f;
            Load(st, p);
            for (int t = 0; t < length; t++)
            {
                if (t >= common)
                {
                    int nf = DependencyParser.Features.Extract(st, feats);
                    model.Adjust(feats.AsSpan(0, nf), seq[t], delta);
                }
                st.Apply(seq[t]);
            }
        }
    }

    private static (double Uas, double Las) Evaluate(DependencyParser parser, List<Prepared> dev)
    {
        int max = 1;
        foreach (var p in dev) max = Math.Max(max, p.Words.Length);
        var st = new ParserState(max);
        var beam = parser.BeamWidth > 1 ? new DependencyParser.BeamScratch(parser.BeamWidth, max) : null;
        long uas = 0, las = 0, total = 0;
        foreach (var p in dev)
        {
            Load(st, p);
            if (beam is null) parser.Parse(st);
            else parser.ParseBeam(st, beam);
            int n = p.Words.Length;
            var heads = st.Heads.AsSpan(0, n).ToArray();
            var labels = new string[n];
            for (int i = 0; i < n; i++) labels[i] = parser.Labels[st.Labels[i]];
            PseudoProjective.Deprojectivize(heads, labels);
            for (int i = 0; i < n; i++)
            {
                var w = p.Sentence.Words[i];
                int gh = w.Head == 0 ? n : w.Head - 1;
                total++;
                if (heads[i] == gh)
                {
                    uas++;
                    if (labels[i] == w.Deprel) las++;
                }
            }
        }
        return ((double)uas / Math.Max(1, total), (double)las / Math.Max(1, total));
    }
}
