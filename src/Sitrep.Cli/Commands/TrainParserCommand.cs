using System.CommandLine;
using System.Diagnostics;
using Sitrep.Models;
using Sitrep.Text.Formats;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep train parser --train F --dev F --out MODEL [--epochs N] [--pos-model FILE]`.</summary>
public static class TrainParserCommand
{
    public static Command Create()
    {
        var train = new Option<string[]>("--train") { Description = "Training CoNLL-U files, or a GUM folder (train split, CC BY/BY-SA genres); several allowed", Required = true, AllowMultipleArgumentsPerToken = true };
        var dev = new Option<string>("--dev") { Description = "Dev CoNLL-U file (early stopping)", Required = true };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => 15 };
        var posModel = new Option<string?>("--pos-model") { Description = "POS model used to tag dev (default: the shipped one)" };
        var folds = new Option<int>("--jackknife") { Description = "Folds for jackknifed training POS tags", DefaultValueFactory = _ => 5 };
        var beam = new Option<int>("--beam") { Description = "Beam width (1 = greedy, dynamic oracle)", DefaultValueFactory = _ => ParserTrainingOptions.DefaultBeamWidth };
        var maxMb = new Option<double>("--max-mb") { Description = "Weight-table size budget in MB (rarer features are pruned to fit)", DefaultValueFactory = _ => 24 };
        var explore = new Option<double>("--explore") { Description = "Greedy training: probability of following the model's own transition after epoch 1", DefaultValueFactory = _ => 0.9 };
        var factored = new Option<bool>("--factored") { Description = "Greedy: separate unlabeled-transition and label classifiers (faster decoding)" };
        var tagCache = new Option<string?>("--jackknife-cache") { Description = "File with the jackknifed training tags: read if it exists (and matches the training set), else written" };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a dev LAS gain", DefaultValueFactory = _ => 3 };
        var minLift = new Option<int>("--min-lift-count") { Description = "Lifted-arc labels (label|headlabel) seen fewer times keep their plain label (fewer classes, faster parsing); 1 keeps all", DefaultValueFactory = _ => 1 };
        var clusters = new Option<string?>("--clusters") { Description = "Word-class table (data/lexicons/word-clusters.tsv) for the cluster feature templates; embedded in the model" };
        var command = new Command("parser", "Train the dependency parser") { train, dev, output, epochs, posModel, folds, beam, maxMb, explore, factored, tagCache, patience, minLift, clusters };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(epochs);
            if (n < 1) throw new UsageException("--epochs must be at least 1");
            int k = parse.GetValue(folds);
            if (k < 2) throw new UsageException("--jackknife must be at least 2");
            var sw = Stopwatch.StartNew();
            string devPath = parse.GetValue(dev)!;
            var (trainLabel, trainSet) = TreebankArgument.Read(parse.GetValue(train)!);
            var devSet = Conllu.ReadFile(devPath);
            var tagger = PosTagger.Load(parse.GetValue(posModel) ?? ModelLocator.PosModelPath());
            Console.WriteLine($"train {trainSet.Count} sentences, dev {devSet.Count} sentences");
            int width = parse.GetValue(beam);
            if (width < 1 || width > 64) throw new UsageException("--beam must be between 1 and 64");
            double mb = parse.GetValue(maxMb), p = parse.GetValue(explore);
            if (mb <= 0 || p < 0 || p > 1) throw new UsageException("--max-mb must be positive and --explore between 0 and 1");
            var options = new ParserTrainingOptions { Epochs = n, JackknifeFolds = k, BeamWidth = width, MaxWeightBytes = (long)(mb * (1 << 20)), ExploreProbability = p, Factored = parse.GetValue(factored), Patience = Math.Max(1, parse.GetValue(patience)), MinLiftCount = parse.GetValue(minLift),
                Clusters = parse.GetValue(clusters) is { } clusterPath ? WordClusters.Load(clusterPath) : null };
            if (options.MinLiftCount < 1) throw new UsageException("--min-lift-count must be at least 1");
            string? cache = parse.GetValue(tagCache);
            var trainTags = cache is not null && File.Exists(cache) ? ReadTags(cache, trainSet) : null;
            if (trainTags is not null) Console.WriteLine($"jackknifed tags read from {cache}");
            else
            {
                trainTags = DependencyParserTrainer.Jackknife(trainSet, devSet, k, options.JackknifeTaggerEpochs, Console.WriteLine);
                if (cache is not null) WriteTags(cache, trainTags);
            }
            var devTags = DependencyParserTrainer.Tag(tagger, devSet);
            var result = DependencyParserTrainer.Train(trainSet, trainTags, devSet, devTags, options, Console.WriteLine);
            string outPath = parse.GetValue(output)!;
            DependencyParserTrainer.Save(outPath, result,
                $"train={trainLabel} ({trainSet.Count} sentences, {k}-fold jackknifed POS, beam {width}{(options.Factored ? ", factored" : "")}); dev={Path.GetFileName(devPath)} (tagged by the shipped POS model); best epoch {result.BestEpoch}");
            Console.WriteLine($"wrote {outPath} ({new FileInfo(outPath).Length:N0} bytes) in {sw.Elapsed.TotalSeconds:0.0}s");
            return 0;
        });
        return command;
    }

    /// <summary>One line per sentence: UPOS/XPOS pairs separated by spaces.</summary>
    private static void WriteTags(string path, List<SentenceTags> tags)
    {
        using var w = new StreamWriter(path);
        foreach (var t in tags)
        {
            for (int i = 0; i < t.Upos.Length; i++)
            {
                if (i > 0) w.Write(' ');
                w.Write(t.Upos[i].ToName());
                w.Write('/');
                w.Write(t.Xpos[i]);
            }
            w.Write('\n');
        }
    }

    private static List<SentenceTags>? ReadTags(string path, List<ConlluSentence> train)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length != train.Count) return null;
        var result = new List<SentenceTags>(lines.Length);
        for (int k = 0; k < lines.Length; k++)
        {
            var parts = lines[k].Split(' ');
            if (parts.Length != train[k].Words.Count) return null;
            var u = new Upos[parts.Length];
            var x = new string[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                int slash = parts[i].IndexOf('/');
                if (slash <= 0 || !UposNames.TryParse(parts[i].AsSpan(0, slash), out u[i])) return null;
                x[i] = parts[i][(slash + 1)..];
            }
            result.Add(new SentenceTags(u, x));
        }
        return result;
    }
}
