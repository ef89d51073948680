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
    private sealed record Sent(NerWord[] Words, int[] Gold, List<NerSpan> GoldSpans, string[] Forms);

    public static NerTrainingResult Train(
        IReadOnlyList<NerSentence> train, IReadOnlyList<NerSentence> dev, IReadOnlyList<(string Name, IReadOnlyList<NerSentence> Sentences)> reports,
        NerGazetteer gazetteer, PosTagger? posTagger, NerTrainingOptions options, Action<string>? progress = null)
    {
        if (train.Count == 0) throw new SitrepInputException(null, "training set is empty");
        bool usePos = posTagger is not null;
        var probe = new EntityRecognizer(new AveragedPerceptron(EntityRecognizer.ClassCount).Compile(), gazetteer, options.Clusters, usePos);
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
        var reportDocs = new List<(string, List<List<Sent>>)>();
        foreach (var (name, set) in reports) reportDocs.Add((name, Group(set, probe, posTagger)));
        progress?.Invoke($"train {trainDocs.Count} documents ({extra.Count} all-caps copies), dev {devDocs.Count} documents, gazetteer {gazetteer.Count} phrases, clusters {options.Clusters.Count} words, word dropout {options.WordDropout}, POS {(usePos ? "on" : "off")}");

        var model = new AveragedPerceptron(EntityRecognizer.ClassCount);
        var order = new List<int>(trainDocs.Count);
        for (int i = 0; i < trainDocs.Count; i++) order.Add(i);
        Span<ulong> feats = stackalloc ulong[EntityRecognizer.MaxFeatures];
        Span<ulong> kept = stackalloc ulong[EntityRecognizer.MaxFeatures];
        int dropout = (int)(options.WordDropout * 10_000);
        var scores = new float[EntityRecognizer.ClassCount];
        EntityRecognizer? best = null;
        NerCounts? bestDev = null;
        int bestEpoch = 0;
        var guesses = new int[512];
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
                    if (guesses.Length < s.Words.Length) guesses = new int[s.Words.Length * 2];
                    int p1 = -1, p2 = -2;
                    for (int i = 0; i < s.Words.Length; i++)
                    {
                        int mem = memory.TryGetValue(s.Words[i].Lower, out int m) ? m : 0;
                        int n = EntityRecognizer.Extract(s.Words, i, p1, p2, mem, usePos, feats);
                        var f = feats[..n];
                        if (dropout > 0 && rng.Next(10_000) < dropout)
                        {
                            int k = 0;
                            for (int j = 0; j < n; j++) if (!EntityRecognizer.IsWordIdentity(j)) kept[k++] = feats[j];
                            f = kept[..k];
                        }
                        model.Score(f, scores);
                        int guess = EntityRecognizer.BestAllowed(scores, p1, i == s.Words.Length - 1);
                        model.Update(f, s.Gold[i], guess);
                        if (guess == s.Gold[i]) correct++;
                        total++;
                        guesses[i] = guess;
                        p2 = p1;
                        p1 = guess;
                    }
                    EntityRecognizer.Remember(s.Words, guesses.AsSpan(0, s.Words.Length), memory);
                }
            }
            var recognizer = new EntityRecognizer(model.Compile(options.MinUpdates), gazetteer, options.Clusters, usePos);
            var counts = Evaluate(recognizer, devDocs);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch,2}  train acc {(double)correct / total:0.0000}  dev {counts.Summary()}  features {recognizer.Weights.FeatureCount}  {sw.Elapsed.TotalSeconds:0.0}s"));
            if (bestDev is null || counts.F1 > bestDev.F1)
            {
                best = recognizer;
                bestDev = counts;
                bestEpoch = epoch;
            }
            else if (epoch - bestEpoch >= options.Patience)
            {
                progress?.Invoke($"early stop: no dev improvement for {options.Patience} epochs; keeping epoch {bestEpoch}");
                break;
            }
        }
        if (options.TuneOutsideBias)
        {
            // Balance precision and recall: the O-score offset that maximizes dev F1 (weights unchanged).
            float scale = best!.Weights.Scale;
            foreach (double b in (ReadOnlySpan<double>)[2, 4, 8, 12, 16, 24, 32, 48, 64])
            {
                var candidate = best.WithOutsideBias((int)Math.Round(b / scale));
                var c = Evaluate(candidate, devDocs);
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"O bias {b}: dev {c.Summary()}"));
                if (c.F1 > bestDev!.F1) { best = candidate; bestDev = c; }
            }
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"O bias kept: {best.OutsideBias * scale:0.##} ({best.OutsideBias} units)"));
        }
        var scoresOut = new List<KeyValuePair<string, double>> { new("dev_f1", bestDev!.F1) };
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

    private static List<List<Sent>> Group(IReadOnlyList<NerSentence> sentences, EntityRecognizer probe, PosTagger? pos)
    {
        var docs = new List<List<Sent>>();
        foreach (var s in sentences)
        {
            if (s.NewDocument || docs.Count == 0) docs.Add([]);
            var words = new NerWord[s.Words.Length];
            probe.Prepare(s.Words, pos is null ? null : TagPos(pos, s.Words), words, pos is not null);
            var gold = EntityRecognizer.ToClasses(s.Tags);
            docs[^1].Add(new Sent(words, gold, EntityRecognizer.Decode(gold), s.Words));
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
        foreach (var doc in docs)
        {
            var memory = new Dictionary<ulong, int>();
            foreach (var s in doc)
            {
                if (classes.Length < s.Words.Length) classes = new int[s.Words.Length * 2];
                var c = classes.AsSpan(0, s.Words.Length);
                recognizer.Tag(s.Words, c, memory);
                counts.Add(s.GoldSpans, EntityRecognizer.Decode(c));
            }
        }
        return counts;
    }
}
