using System.Diagnostics;
using System.Globalization;
using Sitrep.Learning;

namespace Sitrep.Models;

public sealed record NerTrainingOptions
{
    public int Epochs { get; init; } = 15;
    /// <summary>Stop when dev F1 has not improved for this many epochs.</summary>
    public int Patience { get; init; } = 3;
    public ulong Seed { get; init; } = 20260504;
    /// <summary>Features updated fewer times than this are pruned from the shipped model.</summary>
    public int MinUpdates { get; init; } = 1;
    /// <summary>Share of training sentences also seen as an ALL-CAPS copy, so headlines and all-caps lines are tagged.</summary>
    public double UpperCaseShare { get; init; } = 0.15;
    /// <summary>Probability of leaving out a token's word-identity features during training, so the model also learns shape, cluster and gazetteer cues.</summary>
    public double WordDropout { get; init; }
    /// <summary>Word clusters used as features (empty = none).</summary>
    public WordClusters Clusters { get; init; } = WordClusters.Empty;
    /// <summary>After training, choose the O-score offset that maximizes dev F1.</summary>
    public bool TuneOutsideBias { get; init; } = true;
    /// <summary>Beam width in training (early-update structured perceptron) and decoding; 1 = greedy.</summary>
    public int BeamSize { get; init; } = 1;
    /// <summary>
    /// Feature augmentation (Daumé 2007, "frustratingly easy domain adaptation"): every feature also has a copy per
    /// <see cref="NerSentence.Domain"/>; the shipped table folds the shared weights with those of <see cref="TargetDomain"/>.
    /// </summary>
    public bool DomainAdaptation { get; init; }
    /// <summary>Domain whose copies are folded into the shipped weights (-1 = shared weights only).</summary>
    public int TargetDomain { get; init; } = NerSentence.NewsDomain;
    /// <summary>Features of the first and last word of a capitalized run (organisation heads such as "Party", "Ministry of").</summary>
    public bool RunFeatures { get; init; }
}

/// <summary>Exact-span counts of one evaluation, overall and per type (as seqeval counts them).</summary>
public sealed class NerCounts
{
    public long TruePositives, Predicted, Gold;
    public SortedDictionary<string, (long Tp, long Pred, long Gold)> PerType { get; } = new(StringComparer.Ordinal);

    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;
    public double Recall => Gold == 0 ? 0 : (double)TruePositives / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static double F1Of((long Tp, long Pred, long Gold) c)
    {
        double p = c.Pred == 0 ? 0 : (double)c.Tp / c.Pred, r = c.Gold == 0 ? 0 : (double)c.Tp / c.Gold;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Adds one sentence: spans match when start, end and type are equal.</summary>
    public void Add(IReadOnlyList<NerSpan> gold, IReadOnlyList<NerSpan> predicted)
    {
        foreach (var g in gold) { Gold++; Bump(g.Type, 0, 0, 1); }
        foreach (var p in predicted)
        {
            Predicted++;
            bool hit = false;
            foreach (var g in gold) if (g == p) { hit = true; break; }
            if (hit) TruePositives++;
            Bump(p.Type, hit ? 1 : 0, 1, 0);
        }
    }

    private void Bump(string type, long tp, long pred, long gold)
    {
        var c = PerType.GetValueOrDefault(type);
        PerType[type] = (c.Tp + tp, c.Pred + pred, c.Gold + gold);
    }

    public string Summary()
    {
        var sb = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture, $"F1 {F1:0.0000} (P {Precision:0.0000} R {Recall:0.0000})"));
        foreach (var (t, c) in PerType) sb.Append(CultureInfo.InvariantCulture, $" {t} {F1Of(c):0.0000}");
        return sb.ToString();
    }
}

public sealed record NerTrainingResult(EntityRecognizer Recognizer, int BestEpoch, NerCounts Dev, IReadOnlyList<KeyValuePair<string, double>> Scores);

/// <summary>Trains the <see cref="EntityRecognizer"/>: shuffled documents, greedy decoding with the model's own history, early stopping on dev F1.</summary>
public static class EntityRecognizerTrainer
{
    private sealed record Sent(NerWord[] Words, int[] Gold, List<NerSpan> GoldSpans, string[] Forms, int Domain);

    /// <summary>The copy of feature <paramref name="key"/> for one text domain (feature augmentation).</summary>
    internal static ulong DomainCopy(ulong key, int domain) => FeatureHash.Mix(key + 0x5851F42D4C957F2DUL * (ulong)(domain + 1));

    public static NerTrainingResult Train(
        IReadOnlyList<NerSentence> train, IReadOnlyList<NerSentence> dev, IReadOnlyList<(string Name, IReadOnlyList<NerSentence> Sentences)> reports,
        NerGazetteer gazetteer, PosTagger? posTagger, NerTrainingOptions options, Action<string>? progress = null, IReadOnlyList<NerSentence>? newsDev = null)
    {
        if (train.Count == 0) throw new SitrepInputException(null, "training set is empty");
        bool usePos = posTagger is not null;
        var probe = new EntityRecognizer(new AveragedPerceptron(EntityRecognizer.ClassCount).Compile(), gazetteer, options.Clusters, usePos, 0, 1, options.RunFeatures);
        int featureMask = probe.FeatureMask;
        var rng = new DeterministicRandom(options.Seed);
        var trainDocs = Group(train, probe, posTagger);
        // ALL-CAPS copies of a share of the sentences, each its own document.
        var extra = new List<List<Sent>>();
        foreach (var s in train)
        {
            if (rng.Next(10_000) >= options.UpperCaseShare * 10_000) continue;
            var upper = new string[s.Words.Length];
            for (int i = 0; i < upper.Length; i++) upper[i] = s.Words[i].ToUpperInvariant();
            extra.Add(Group([s with { Words = upper, NewDocument = true }], probe, posTagger)[0]);
        }
        trainDocs.AddRange(extra);
        var devDocs = Group(dev, probe, posTagger);
        var newsDocs = Group(newsDev ?? [], probe, posTagger);
        var reportDocs = new List<(string, List<List<Sent>>)>();
        foreach (var (name, set) in reports) reportDocs.Add((name, Group(set, probe, posTagger)));
        progress?.Invoke($"train {trainDocs.Count} documents ({extra.Count} all-caps copies), dev {devDocs.Count} documents, gazetteer {gazetteer.Count} phrases, clusters {options.Clusters.Count} words, word dropout {options.WordDropout}, POS {(usePos ? "on" : "off")}");

        var model = new AveragedPerceptron(EntityRecognizer.ClassCount);
        var order = new List<int>(trainDocs.Count);
        for (int i = 0; i < trainDocs.Count; i++) order.Add(i);
        int dropout = (int)(options.WordDropout * 10_000);
        var beam = new NerBeam(options.BeamSize);
        var scoreBuffer = new float[EntityRecognizer.ClassCount];
        var copyBuffer = new ulong[EntityRecognizer.MaxFeatures];
        var copyKeys = new HashSet<ulong>();
        EntityRecognizer? best = null;
        NerCounts? bestDev = null;
        double bestScore = double.NegativeInfinity;
        int bestEpoch = 0;
        var guesses = new int[512];
        var early = new int[512];
        var drops = new bool[512];
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var sw = Stopwatch.StartNew();
            rng.Shuffle(order);
            long correct = 0, total = 0;
            foreach (int di in order)
            {
                var memory = new Dictionary<ulong, int>();
                foreach (var s in trainDocs[di])
                {
                    int n = s.Words.Length;
                    if (guesses.Length < n) { guesses = new int[n * 2]; early = new int[n * 2]; drops = new bool[n * 2]; }
                    for (int i = 0; i < n; i++) drops[i] = dropout > 0 && rng.Next(10_000) < dropout;
                    var guess = guesses.AsSpan(0, n);
                    int domain = options.DomainAdaptation ? s.Domain : -1;
                    beam.Decode(new PerceptronScorer(model, scoreBuffer, copyBuffer, domain), s.Words, memory, featureMask, drops.AsSpan(0, n), s.Gold, guess);
                    for (int i = 0; i < n; i++)
                    {
                        model.Tick();
                        if (guess[i] == s.Gold[i]) correct++;
                    }
                    total += n;
                    // Early update: compare the prefixes up to where the gold sequence fell out of the beam.
                    int upto = n - 1;
                    ReadOnlySpan<int> predicted = guess;
                    if (beam.FellAt >= 0)
                    {
                        upto = beam.FellAt;
                        beam.Backtrack(upto, 0, early);
                        predicted = early.AsSpan(0, upto + 1);
                    }
                    Update(model, s.Words, s.Gold, predicted, upto, memory, featureMask, drops, domain, copyKeys);
                    EntityRecognizer.Remember(s.Words, guess, memory);
                }
            }
            var table = options.DomainAdaptation
                ? model.Compile(options.MinUpdates, copyKeys.Contains, k => options.TargetDomain < 0 ? 0 : DomainCopy(k, options.TargetDomain))
                : model.Compile(options.MinUpdates);
            var recognizer = new EntityRecognizer(table, gazetteer, options.Clusters, usePos, 0, options.BeamSize, options.RunFeatures);
            var counts = Evaluate(recognizer, devDocs);
            var newsCounts = newsDocs.Count > 0 ? Evaluate(recognizer, newsDocs) : null;
            double score = Criterion(counts, newsCounts);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch,2}  train acc {(double)correct / total:0.0000}  dev {counts.Summary()}{(newsCounts is null ? "" : "  news " + newsCounts.Summary())}  features {recognizer.Weights.FeatureCount}  {sw.Elapsed.TotalSeconds:0.0}s"));
            if (score > bestScore)
            {
                best = recognizer;
                bestDev = counts;
                bestScore = score;
                bestEpoch = epoch;
            }
            else if (epoch - bestEpoch >= options.Patience)
            {
                progress?.Invoke($"early stop: no dev improvement for {options.Patience} epochs; keeping epoch {bestEpoch}");
                break;
            }
        }
        if (options.TuneOutsideBias)
            (best, bestDev, bestScore) = TuneOutsideBias(best!, bestDev!, bestScore, devDocs, newsDocs, progress);
        return Finish(best!, bestEpoch, bestDev!, newsDocs, reportDocs, progress);
    }

    /// <summary>
    /// Trains <paramref name="runs"/> models whose seeds differ (shuffle, dropout, ALL-CAPS copies), each stopped at its own best
    /// epoch, and ships the mean of their weights with an O bias tuned for the mean. Run-to-run spread on UNER dev is about ±0.01
    /// F1; the mean model does not depend on one lucky or unlucky order.
    /// </summary>
    public static NerTrainingResult TrainMean(
        int runs, IReadOnlyList<NerSentence> train, IReadOnlyList<NerSentence> dev, IReadOnlyList<(string Name, IReadOnlyList<NerSentence> Sentences)> reports,
        NerGazetteer gazetteer, PosTagger? posTagger, NerTrainingOptions options, Action<string>? progress = null, IReadOnlyList<NerSentence>? newsDev = null)
    {
        if (runs <= 1) return Train(train, dev, reports, gazetteer, posTagger, options, progress, newsDev);
        var tables = new List<WeightTable>();
        int epochs = 0;
        EntityRecognizer? first = null;
        for (int r = 0; r < runs; r++)
        {
            progress?.Invoke($"run {r + 1} of {runs} (seed {options.Seed + (ulong)r})");
            var one = Train(train, dev, [], gazetteer, posTagger, options with { Seed = options.Seed + (ulong)r, TuneOutsideBias = false }, progress, newsDev);
            tables.Add(one.Recognizer.Weights);
            epochs += one.BestEpoch;
            first ??= one.Recognizer;
        }
        var mean = new EntityRecognizer(WeightTable.Mean(tables), gazetteer, options.Clusters, posTagger is not null, 0, options.BeamSize, options.RunFeatures);
        var probe = first!;
        var devDocs = Group(dev, probe, posTagger);
        var newsDocs = Group(newsDev ?? [], probe, posTagger);
        var reportDocs = new List<(string, List<List<Sent>>)>();
        foreach (var (name, set) in reports) reportDocs.Add((name, Group(set, probe, posTagger)));
        var counts = Evaluate(mean, devDocs);
        var newsCounts = newsDocs.Count > 0 ? Evaluate(mean, newsDocs) : null;
        double score = Criterion(counts, newsCounts);
        progress?.Invoke($"mean of {runs} runs: dev {counts.Summary()}{(newsCounts is null ? "" : "  news " + newsCounts.Summary())}  features {mean.Weights.FeatureCount}");
        if (options.TuneOutsideBias) (mean, counts, _) = TuneOutsideBias(mean, counts, score, devDocs, newsDocs, progress);
        return Finish(mean, (int)Math.Round((double)epochs / runs), counts, newsDocs, reportDocs, progress);
    }

    private static (EntityRecognizer, NerCounts, double) TuneOutsideBias(EntityRecognizer best, NerCounts bestDev, double bestScore,
        List<List<Sent>> devDocs, List<List<Sent>> newsDocs, Action<string>? progress)
    {
        {
            // Balance precision and recall: the O-score offset that maximizes dev F1 (weights unchanged).
            float scale = best!.Weights.Scale;
            foreach (double b in (ReadOnlySpan<double>)[2, 4, 8, 12, 16, 24, 32, 48, 64])
            {
                var candidate = best.WithOutsideBias((int)Math.Round(b / scale));
                var c = Evaluate(candidate, devDocs);
                var nc = newsDocs.Count > 0 ? Evaluate(candidate, newsDocs) : null;
                double score = Criterion(c, nc);
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"O bias {b}: dev {c.Summary()}{(nc is null ? "" : "  news " + nc.Summary())}"));
                if (score > bestScore) { best = candidate; bestDev = c; bestScore = score; }
            }
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"O bias kept: {best.OutsideBias * scale:0.##} ({best.OutsideBias} units)"));
        }
        return (best, bestDev, bestScore);
    }

    private static NerTrainingResult Finish(EntityRecognizer best, int bestEpoch, NerCounts bestDev, List<List<Sent>> newsDocs,
        List<(string, List<List<Sent>>)> reportDocs, Action<string>? progress)
    {
        var scoresOut = new List<KeyValuePair<string, double>> { new("dev_f1", bestDev!.F1) };
        if (newsDocs.Count > 0) scoresOut.Add(new("news_dev_f1", Evaluate(best!, newsDocs).F1));
        foreach (var (t, c) in bestDev.PerType) scoresOut.Add(new("dev_f1_" + t.ToLowerInvariant(), NerCounts.F1Of(c)));
        foreach (var (name, docs) in reportDocs)
        {
            var c = Evaluate(best!, docs);
            progress?.Invoke($"{name}: {c.Summary()}");
            scoresOut.Add(new(name + "_f1", c.F1));
        }
        return new NerTrainingResult(best!, bestEpoch, bestDev, scoresOut);
    }

    public static void Save(string path, NerTrainingResult result, string trainingData, string license)
    {
        var w = new ModelWriter();
        result.Recognizer.WritePayload(w);
        ModelFile.Write(path, new ModelHeader
        {
            Kind = EntityRecognizer.ModelKind,
            FeatureSetHash = EntityRecognizer.FeatureSetHash,
            TrainingData = trainingData,
            License = license,
            Scores = result.Scores,
        }, w.WrittenSpan);
    }

    /// <summary>Predicted UPOS for a word sequence (the tagger's own features), so training sees what run time sees.</summary>
    public static Upos[] TagPos(PosTagger tagger, string[] words)
    {
        var hashes = new WordHashes[words.Length];
        for (int i = 0; i < words.Length; i++) WordHashes.Compute(words[i], i == 0, ref hashes[i]);
        tagger.SetAmbiguity(hashes);
        var classes = new int[words.Length];
        tagger.Tag(hashes, classes);
        var result = new Upos[words.Length];
        for (int i = 0; i < words.Length; i++) result[i] = PosTagger.SplitClass(tagger.ClassNames[classes[i]]).Upos;
        return result;
    }

    /// <summary>Model selection: UNER dev F1, or its mean with the news dev F1 when a news dev set is given.</summary>
    private static double Criterion(NerCounts dev, NerCounts? news) => news is null ? dev.F1 : (dev.F1 + news.F1) / 2;

    /// <summary>
    /// Structured perceptron update over positions 0…<paramref name="upto"/>: + for the gold classes with the gold history,
    /// − for the predicted classes with the predicted history (positions where both agree, history included, cancel out).
    /// </summary>
    private static void Update(AveragedPerceptron model, NerWord[] words, int[] gold, ReadOnlySpan<int> predicted, int upto,
        Dictionary<ulong, int> memory, int featureMask, bool[] drops, int domain, HashSet<ulong> copyKeys)
    {
        Span<ulong> feats = stackalloc ulong[EntityRecognizer.MaxFeatures];
        Span<ulong> hist = stackalloc ulong[EntityRecognizer.MaxHistoryFeatures];
        var copies = domain < 0 ? [] : new ulong[EntityRecognizer.MaxFeatures];
        void Adjust(ReadOnlySpan<ulong> f, int cls, float delta)
        {
            model.Adjust(f, cls, delta);
            if (domain < 0) return;
            for (int j = 0; j < f.Length; j++) copyKeys.Add(copies[j] = DomainCopy(f[j], domain));
            model.Adjust(copies.AsSpan(0, f.Length), cls, delta);
        }
        for (int i = 0; i <= upto; i++)
        {
            int g = gold[i], p = predicted[i];
            int g1 = i > 0 ? gold[i - 1] : -1, g2 = i > 1 ? gold[i - 2] : i - 2;
            int q1 = i > 0 ? predicted[i - 1] : -1, q2 = i > 1 ? predicted[i - 2] : i - 2;
            if (g == p && g1 == q1 && g2 == q2) continue;
            bool drop = drops[i];
            if (g != p)
            {
                int mem = memory.TryGetValue(words[i].Lower, out int m) ? m : 0;
                int n = EntityRecognizer.Extract(words, i, mem, featureMask, drop, feats);
                Adjust(feats[..n], g, 1f);
                Adjust(feats[..n], p, -1f);
            }
            int h = EntityRecognizer.ExtractHistory(words, i, g1, g2, drop, hist);
            Adjust(hist[..h], g, 1f);
            h = EntityRecognizer.ExtractHistory(words, i, q1, q2, drop, hist);
            Adjust(hist[..h], p, -1f);
        }
    }

    private static List<List<Sent>> Group(IReadOnlyList<NerSentence> sentences, EntityRecognizer probe, PosTagger? pos)
    {
        var docs = new List<List<Sent>>();
        foreach (var s in sentences)
        {
            if (s.NewDocument || docs.Count == 0) docs.Add([]);
            var words = new NerWord[s.Words.Length];
            probe.Prepare(s.Words, pos is null ? null : TagPos(pos, s.Words), words, pos is not null);
            var gold = EntityRecognizer.ToClasses(s.Tags);
            docs[^1].Add(new Sent(words, gold, EntityRecognizer.Decode(gold), s.Words, s.Domain));
        }
        // How each word is written across its document (see NerWord.Doc).
        var docCase = new Dictionary<ulong, int>();
        foreach (var doc in docs)
        {
            docCase.Clear();
            foreach (var s in doc)
                for (int i = 0; i < s.Forms.Length; i++)
                {
                    int bits = NerWord.CaseBits(s.Forms[i], i == 0);
                    if (bits != 0) docCase[s.Words[i].Lower] = docCase.GetValueOrDefault(s.Words[i].Lower) | bits;
                }
            foreach (var s in doc)
                for (int i = 0; i < s.Words.Length; i++) s.Words[i].Doc = docCase.GetValueOrDefault(s.Words[i].Lower);
        }
        return docs;
    }

    private static NerCounts Evaluate(EntityRecognizer recognizer, List<List<Sent>> docs)
    {
        var counts = new NerCounts();
        var classes = new int[512];
        var beam = new NerBeam(recognizer.BeamSize);
        var buffer = new int[EntityRecognizer.ClassCount];
        foreach (var doc in docs)
        {
            var memory = new Dictionary<ulong, int>();
            foreach (var s in doc)
            {
                if (classes.Length < s.Words.Length) classes = new int[s.Words.Length * 2];
                var c = classes.AsSpan(0, s.Words.Length);
                recognizer.Tag(s.Words, c, memory, beam, buffer);
                counts.Add(s.GoldSpans, EntityRecognizer.Decode(c));
            }
        }
        return counts;
    }
}
