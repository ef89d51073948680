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
        var train = new Option<string>("--train") { Description = "Training CoNLL-U file", Required = true };
        var dev = new Option<string>("--dev") { Description = "Dev CoNLL-U file (early stopping)", Required = true };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => 15 };
        var posModel = new Option<string?>("--pos-model") { Description = "POS model used to tag dev (default: the shipped one)" };
        var folds = new Option<int>("--jackknife") { Description = "Folds for jackknifed training POS tags", DefaultValueFactory = _ => 5 };
        var beam = new Option<int>("--beam") { Description = "Beam width (1 = greedy, dynamic oracle)", DefaultValueFactory = _ => ParserTrainingOptions.DefaultBeamWidth };
        var command = new Command("parser", "Train the dependency parser") { train, dev, output, epochs, posModel, folds, beam };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(epochs);
            if (n < 1) throw new UsageException("--epochs must be at least 1");
            int k = parse.GetValue(folds);
            if (k < 2) throw new UsageException("--jackknife must be at least 2");
            var sw = Stopwatch.StartNew();
            string trainPath = parse.GetValue(train)!, devPath = parse.GetValue(dev)!;
            var trainSet = Conllu.ReadFile(trainPath);
            var devSet = Conllu.ReadFile(devPath);
            var tagger = PosTagger.Load(parse.GetValue(posModel) ?? ModelLocator.PosModelPath());
            Console.WriteLine($"train {trainSet.Count} sentences, dev {devSet.Count} sentences");
            int width = parse.GetValue(beam);
            if (width < 1 || width > 64) throw new UsageException("--beam must be between 1 and 64");
            var options = new ParserTrainingOptions { Epochs = n, JackknifeFolds = k, BeamWidth = width };
            var trainTags = DependencyParserTrainer.Jackknife(trainSet, devSet, k, options.JackknifeTaggerEpochs, Console.WriteLine);
            var devTags = DependencyParserTrainer.Tag(tagger, devSet);
            var result = DependencyParserTrainer.Train(trainSet, trainTags, devSet, devTags, options, Console.WriteLine);
            string outPath = parse.GetValue(output)!;
            DependencyParserTrainer.Save(outPath, result,
                $"train={Path.GetFileName(trainPath)} ({trainSet.Count} sentences, {k}-fold jackknifed POS, beam {width}); dev={Path.GetFileName(devPath)} (tagged by the shipped POS model); best epoch {result.BestEpoch}");
            Console.WriteLine($"wrote {outPath} ({new FileInfo(outPath).Length:N0} bytes) in {sw.Elapsed.TotalSeconds:0.0}s");
            return 0;
        });
        return command;
    }
}
