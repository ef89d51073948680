using System.CommandLine;
using System.Diagnostics;
using Sitrep.Models;

namespace Sitrep.Cli.Commands;

/// <summary>
/// `sitrep train ner --train PATH... --dev FILE --out MODEL [--report PATH...] [--pos MODEL] [--lexicons DIR] [--epochs N]`:
/// trains the entity recognizer on any mix of UNER/CoNLL files, GUM and re3d folders.
/// </summary>
public static class TrainNerCommand
{
    public const string License =
        "Trained on: UNER English EWT (CC BY-SA 4.0, (c) UNER and UD English EWT contributors); GUM annotations CC BY 4.0 " +
        "(Zeldes et al.) over CC BY 2.5/CC BY-SA 3.0/CC BY 4.0 texts (news, interview, bio, voyage, academic, court only); " +
        "wikigold (CC BY 4.0, Balasuriya et al. 2009); re3d (Dstl; US Government public domain, OGL v3, CC BY 3.0 AU, CC BY-SA 3.0 subsets); " +
        "gazetteer from world-countries (ODbL 1.0), GeoNames (CC BY 4.0), WordNet 3.1 (Princeton WordNet licence) and cspell " +
        "company/people-name dictionaries (MIT); word clusters from CC BY-SA and public-domain text (data/lexicons/NAMES-LICENSE.md). This model is a derived work distributed under CC BY-SA 4.0.";

    public static Command Create()
    {
        var train = new Option<string[]>("--train") { Description = "Training corpora: .iob2 (UNER) or CoNLL files, GUM folder (train split), re3d folder(s)", Required = true, AllowMultipleArgumentsPerToken = true };
        var dev = new Option<string>("--dev") { Description = "Dev IOB2/CoNLL file for early stopping (UNER dev)", Required = true };
        var report = new Option<string[]>("--report") { Description = "Extra dev sets to report (a GUM folder means its dev news documents)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var pos = new Option<string?>("--pos") { Description = "POS model to compute POS features with (omit to train without POS)" };
        var lexicons = new Option<string?>("--lexicons") { Description = "Lexicon folder for gazetteer features (default data/lexicons)" };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => 15 };
        var upper = new Option<double>("--upper-share") { Description = "Share of sentences added as ALL-CAPS copies", DefaultValueFactory = _ => 0.15 };
        var dropout = new Option<double>("--word-dropout") { Description = "Probability of leaving out a token's word-identity features in training", DefaultValueFactory = _ => 0.0 };
        var clusters = new Option<string?>("--clusters") { Description = "Word cluster table (default: word-clusters.tsv in the lexicon folder when present; 'none' for no clusters)" };
        var minUpdates = new Option<int>("--min-updates") { Description = "Features updated fewer times are pruned from the model", DefaultValueFactory = _ => 1 };
        var beam = new Option<int>("--beam") { Description = "Beam width for training (early-update structured perceptron) and decoding; 1 = greedy", DefaultValueFactory = _ => 1 };
        var newsDev = new Option<string[]>("--news-dev") { Description = "News dev sets (e.g. WIKIGOLD@dev RE3D@dev GUM): reported each epoch, and epoch and O bias are chosen on the mean of dev and news dev F1", AllowMultipleArgumentsPerToken = true };
        var adapt = new Option<bool>("--domain-adapt") { Description = "Feature augmentation: shared + per-domain copies of every feature (UNER .iob2 = web, other corpora = news); the model ships the shared weights folded with --target-domain" };
        var target = new Option<string>("--target-domain") { Description = "Domain folded into the shipped weights with --domain-adapt: news, web or shared", DefaultValueFactory = _ => "news" };
        target.AcceptOnlyFromAmong("news", "web", "shared");
        var runs = new Option<bool>("--run-features") { Description = "Add features of the first and last word of each capitalized run (organisation head words)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the training shuffle, word dropout and ALL-CAPS copies (other seeds measure run-to-run spread)", DefaultValueFactory = _ => new NerTrainingOptions().Seed };
        var mean = new Option<int>("--mean-of") { Description = "Train this many models with seeds seed, seed+1, … and ship the mean of their weights", DefaultValueFactory = _ => 1 };
        var command = new Command("ner", "Train the named-entity recognizer") { train, dev, report, output, pos, lexicons, epochs, upper, dropout, clusters, minUpdates, beam, newsDev, adapt, target, runs, seed, mean };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(epochs);
            if (n < 1) throw new UsageException("--epochs must be at least 1");
            double share = parse.GetValue(upper);
            if (share < 0 || share > 1) throw new UsageException("--upper-share must be between 0 and 1");
            int beamWidth = parse.GetValue(beam);
            if (beamWidth < 1 || beamWidth > 64) throw new UsageException("--beam must be between 1 and 64");
            var sw = Stopwatch.StartNew();
            var trainSet = new List<NerSentence>();
            var labels = new List<string>();
            foreach (var path in parse.GetValue(train)!)
            {
                var (label, sentences) = NerCorpusArgument.Read(path, "train");
                Console.WriteLine($"train: {label}: {sentences.Count} sentences");
                labels.Add($"{label} ({sentences.Count} sentences)");
                trainSet.AddRange(sentences);
            }
            string devPath = parse.GetValue(dev)!;
            var (devLabel, devSet) = NerCorpusArgument.Read(devPath, "dev");
            var reports = new List<(string, IReadOnlyList<NerSentence>)>();
            foreach (var path in parse.GetValue(report) ?? [])
            {
                bool gum = Directory.Exists(path) && File.Exists(Path.Combine(path, "splits.md"));
                var (label, sentences) = NerCorpusArgument.Read(path, "dev", gum ? "news" : null);
                reports.Add((gum ? "gum_news_dev" : Path.GetFileNameWithoutExtension(path), sentences));
                Console.WriteLine($"report: {label}: {sentences.Count} sentences");
            }
            var newsSet = new List<NerSentence>();
            var newsLabels = new List<string>();
            foreach (var path in parse.GetValue(newsDev) ?? [])
            {
                bool gum = Directory.Exists(path) && File.Exists(Path.Combine(path, "splits.md"));
                var (label, sentences) = NerCorpusArgument.Read(path, "dev", gum ? "news" : null);
                newsSet.AddRange(sentences);
                newsLabels.Add(label);
                Console.WriteLine($"news dev: {label}: {sentences.Count} sentences");
            }
            string lexiconDir = NerLexicons.ResolveDirectory(parse.GetValue(lexicons));
            var lexicon = NerLexicons.Load(lexiconDir);
            string? clusterPath = parse.GetValue(clusters) ?? Path.Combine(lexiconDir, WordClusters.FileName);
            var wordClusters = clusterPath == "none" || (parse.GetValue(clusters) is null && !File.Exists(clusterPath)) ? WordClusters.Empty : WordClusters.Load(clusterPath);
            Console.WriteLine($"clusters: {(wordClusters.Count == 0 ? "none" : $"{clusterPath} ({wordClusters.Count} words)")}");
            var gazetteer = NerGazetteer.Build(lexicon.Phrases());
            PosTagger? tagger = parse.GetValue(pos) is { } posPath ? PosTagger.Load(posPath) : null;
            Console.WriteLine($"dev: {devLabel}: {devSet.Count} sentences");
            int meanOf = parse.GetValue(mean);
            if (meanOf < 1 || meanOf > 16) throw new UsageException("--mean-of must be between 1 and 16");
            var result = EntityRecognizerTrainer.TrainMean(meanOf, trainSet, devSet, reports, gazetteer, tagger,
                new NerTrainingOptions { Epochs = n, UpperCaseShare = share, WordDropout = parse.GetValue(dropout), Clusters = wordClusters, MinUpdates = parse.GetValue(minUpdates), BeamSize = beamWidth,
                    DomainAdaptation = parse.GetValue(adapt), RunFeatures = parse.GetValue(runs), Seed = parse.GetValue(seed),
                    TargetDomain = parse.GetValue(target) switch { "web" => NerSentence.WebDomain, "shared" => -1, _ => NerSentence.NewsDomain } }, Console.WriteLine, newsSet);
            string outPath = parse.GetValue(output)!;
            EntityRecognizerTrainer.Save(outPath, result,
                $"train={string.Join("; ", labels)}; dev={devLabel}{(newsLabels.Count > 0 ? "; news dev=" + string.Join(" + ", newsLabels) : "")}; POS={(tagger is null ? "off" : "on")}; beam {beamWidth};{(parse.GetValue(adapt) ? $" domain-augmented features, {parse.GetValue(target)} weights;" : "")} best epoch {result.BestEpoch}", License);
            Console.WriteLine($"wrote {outPath} ({new FileInfo(outPath).Length:N0} bytes) in {sw.Elapsed.TotalSeconds:0.0}s");
            return 0;
        });
        return command;
    }
}
