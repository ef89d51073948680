using System.Diagnostics;
using System.Globalization;
using Sitrep.Learning;
using Sitrep.Text.Formats;

namespace Sitrep.Models;

public sealed record PosTrainingOptions
{
    public int Epochs { get; init; } = 15;
    /// <summary>Stop when dev UPOS has not improved for this many epochs.</summary>
    public int Patience { get; init; } = 3;
    public ulong Seed { get; init; } = 20260501;
    /// <summary>Tag dictionary: words seen at least this often...</summary>
    public int TagDictionaryMinCount { get; init; } = 20;
    /// <summary>...with one tag at least this share of the time are tagged without the model.</summary>
    public double TagDictionaryMinShare { get; init; } = 0.97;
    /// <summary>Features updated fewer times than this are pruned from the shipped model.</summary>
    public int MinUpdates { get; init; } = 2;
    /// <summary>False to skip lemmatizer training (jackknifed taggers for the parser).</summary>
    public bool TrainLemmatizer { get; init; } = true;
    /// <summary>Sentences the lemmatizer learns from (null = the tagger's training set), e.g. one treebank's lemma conventions.</summary>
    public IReadOnlyList<ConlluSentence>? LemmatizerTrain { get; init; }
}

/// <summary>A trained POS tagger and lemmatizer with their dev scores.</summary>
public sealed record PosTrainingResult(PosTagger Tagger, Lemmatizer Lemmatizer, int BestEpoch, double DevUpos, double DevXpos, double DevLemma)
{
    public IReadOnlyList<KeyValuePair<string, double>> Scores =>
        [new("upos", DevUpos), new("xpos", DevXpos), new("lemma", DevLemma)];
}

public static class PosTaggerTrainer
{
    public const string License =
        "Trained on UD English EWT (Universal Dependencies English Web Treebank), annotations CC BY-SA 4.0 " +
        "(c) the UD English EWT contributors, https://github.com/UniversalDependencies/UD_English-EWT, and on the GUM corpus " +
        "(https://github.com/amir-zeldes/gum; annotations CC BY 4.0; only the news, interview, bio, voyage, academic and court " +
        "genres, texts CC BY 2.5 / CC BY-SA 3.0 / CC BY 4.0); this model is a derived work under CC BY-SA 4.0.";

    internal static string ClassOf(ConlluWord w) => (w.Upos ?? "X") + "\t" + (w.Xpos ?? "_");

    private sealed record Prepared(WordHashes[] Words, int[] Gold, ConlluSentence Sentence);

    public static PosTrainingResult Train(IReadOnlyList<ConlluSentence> train, IReadOnlyList<ConlluSentence> dev, PosTrainingOptions options, Action<string>? progress = null)
    {
        if (train.Count == 0) throw new SitrepInputException(null, "training set is empty");
        var classSet = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in train) foreach (var w in s.Words) classSet.Add(ClassOf(w));
        var classNames = classSet.ToArray();
        var classIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classNames.Length; i++) classIds[classNames[i]] = i;

        var tagDict = BuildTagDictionary(train, classIds, options);
        var ambiguity = BuildAmbiguity(train);
        var probe = new PosTagger(new AveragedPerceptron(classNames.Length).Compile(), classNames, tagDict, ambiguity);
        var trainData = Prepare(train, classIds, probe);
        var devData = Prepare(dev, classIds, probe);

        var model = new AveragedPerceptron(classNames.Length);
        var rng = new DeterministicRandom(options.Seed);
        var order = new List<int>(trainData.Count);
        for (int i = 0; i < trainData.Count; i++) order.Add(i);
        Span<ulong> feats = stackalloc ulong[PosTagger.MaxFeatures];
        var scores = new float[classNames.Length];

        PosTagger? best = null;
        double bestUpos = -1, bestXpos = 0;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var sw = Stopwatch.StartNew();
            rng.Shuffle(order);
            long correct = 0, total = 0;
            foreach (int si in order)
            {
                var p = trainData[si];
                int p1 = -1, p2 = -2;
                for (int i = 0; i < p.Words.Length; i++)
                {
                    int guess;
                    if (!tagDict.TryGet(FeatureHash.Of(99, p.Words[i].Form), out guess))
                    {
                        int n = PosTagger.Extract(p.Words, i, p1, p2, feats);
                        model.Score(feats[..n], scores);
                        guess = PosTagger.ArgMax(scores);
                        model.Update(feats[..n], p.Gold[i], guess);
                    }
                    if (guess == p.Gold[i]) correct++;
                    total++;
                    p2 = p1;
                    p1 = guess;
                }
            }
            var tagger = new PosTagger(model.Compile(options.MinUpdates), classNames, tagDict, ambiguity);
            var (upos, xpos) = Evaluate(tagger, devData, classNames);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch,2}  train acc {(double)correct / total:0.0000}  dev upos {upos:0.0000}  xpos {xpos:0.0000}  features {tagger.Weights.FeatureCount}  {sw.Elapsed.TotalSeconds:0.0}s"));
            if (upos > bestUpos)
            {
                best = tagger;
                bestUpos = upos;
                bestXpos = xpos;
                bestEpoch = epoch;
            }
            else if (epoch - bestEpoch >= options.Patience)
            {
                progress?.Invoke($"early stop: no dev improvement for {options.Patience} epochs; keeping epoch {bestEpoch}");
                break;
            }
        }

        if (!options.TrainLemmatizer)
            return new PosTrainingResult(best!, Lemmatizer.Train([]), bestEpoch, bestUpos, bestXpos, 0);
        var words = new List<(string, Upos, string, string)>();
        foreach (var s in options.LemmatizerTrain ?? train)
            foreach (var w in s.Words)
                words.Add((w.Form, w.UposTag, w.Xpos ?? "_", w.Lemma ?? "_"));
        var lemmatizer = Lemmatizer.Train(words);
        double lemma = EvaluateLemmas(best!, lemmatizer, devData);
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"lemmatizer: dev lemma {lemma:0.0000} (predicted UPOS)"));
        return new PosTrainingResult(best!, lemmatizer, bestEpoch, bestUpos, bestXpos, lemma);
    }

    public static void Save(string path, PosTrainingResult result, string trainingData)
    {
        var w = new ModelWriter();
        var section = new ModelWriter();
        result.Tagger.WriteSection(section);
        w.WriteInt32(section.Length);
        w.WriteBytes(section.WrittenSpan);
        result.Lemmatizer.WriteSection(w);
        ModelFile.Write(path, new ModelHeader
        {
            Kind = PosTagger.ModelKind,
            FeatureSetHash = PosTagger.FeatureSetHash,
            TrainingData = trainingData,
            License = License,
            Scores = result.Scores,
        }, w.WrittenSpan);
    }

    private static HashIndex BuildTagDictionary(IReadOnlyList<ConlluSentence> train, Dictionary<string, int> classIds, PosTrainingOptions o)
    {
        var counts = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        foreach (var s in train)
            foreach (var w in s.Words)
            {
                if (!counts.TryGetValue(w.Form, out var d)) counts[w.Form] = d = [];
                int c = classIds[ClassOf(w)];
                d[c] = d.GetValueOrDefault(c) + 1;
            }
        var pairs = new List<KeyValuePair<ulong, int>>();
        foreach (var (form, d) in counts)
        {
            int n = 0, bestClass = -1, bestCount = 0;
            foreach (var (c, k) in d)
            {
                n += k;
                if (k > bestCount || (k == bestCount && c < bestClass)) { bestClass = c; bestCount = k; }
            }
            if (n >= o.TagDictionaryMinCount && bestCount >= o.TagDictionaryMinShare * n)
                pairs.Add(new(FeatureHash.Of(99, FeatureHash.Chars(form)), bestClass));
        }
        return HashIndex.Build(pairs);
    }

    /// <summary>UPOS bit masks for words seen at least twice (rarer words look like unseen ones at run time).</summary>
    private static HashIndex BuildAmbiguity(IReadOnlyList<ConlluSentence> train)
    {
        var masks = new Dictionary<ulong, (int Mask, int Count)>();
        foreach (var s in train)
            foreach (var w in s.Words)
            {
                ulong key = FeatureHash.Of(98, FeatureHash.LowerChars(w.Form));
                var (m, c) = masks.GetValueOrDefault(key);
                masks[key] = (m | (1 << (int)w.UposTag), c + 1);
            }
        var pairs = new List<KeyValuePair<ulong, int>>();
        foreach (var (k, (m, c)) in masks)
            if (c >= 2) pairs.Add(new(k, m));
        return HashIndex.Build(pairs);
    }

    private static List<Prepared> Prepare(IReadOnlyList<ConlluSentence> sentences, Dictionary<string, int> classIds, PosTagger probe)
    {
        var list = new List<Prepared>(sentences.Count);
        foreach (var s in sentences)
        {
            var words = new WordHashes[s.Words.Count];
            var gold = new int[s.Words.Count];
            for (int i = 0; i < words.Length; i++)
            {
                WordHashes.Compute(s.Words[i].Form, i == 0, ref words[i]);
                gold[i] = classIds.TryGetValue(ClassOf(s.Words[i]), out int c) ? c : -1;
            }
            probe.SetAmbiguity(words);
            list.Add(new Prepared(words, gold, s));
        }
        return list;
    }

    private static (double Upos, double Xpos) Evaluate(PosTagger tagger, List<Prepared> dev, string[] classNames)
    {
        long upos = 0, xpos = 0, total = 0;
        var buffer = new int[256];
        foreach (var p in dev)
        {
            if (buffer.Length < p.Words.Length) buffer = new int[p.Words.Length * 2];
            tagger.Tag(p.Words, buffer.AsSpan(0, p.Words.Length));
            for (int i = 0; i < p.Words.Length; i++)
            {
                var w = p.Sentence.Words[i];
                var (u, x) = PosTagger.SplitClass(classNames[buffer[i]]);
                if (u == w.UposTag) upos++;
                if (x == (w.Xpos ?? "_")) xpos++;
                total++;
            }
        }
        return ((double)upos / Math.Max(1, total), (double)xpos / Math.Max(1, total));
    }

    private static double EvaluateLemmas(PosTagger tagger, Lemmatizer lemmatizer, List<Prepared> dev)
    {
        long ok = 0, total = 0;
        var buffer = new int[256];
        foreach (var p in dev)
        {
            if (buffer.Length < p.Words.Length) buffer = new int[p.Words.Length * 2];
            tagger.Tag(p.Words, buffer.AsSpan(0, p.Words.Length));
            for (int i = 0; i < p.Words.Length; i++)
            {
                var w = p.Sentence.Words[i];
                var (u, x) = PosTagger.SplitClass(tagger.ClassNames[buffer[i]]);
                if (lemmatizer.Lemmatize(w.Form, u, x) == (w.Lemma ?? "_")) ok++;
                total++;
            }
        }
        return (double)ok / Math.Max(1, total);
    }
}
