using System.CommandLine;
using System.Diagnostics;
using Sitrep.Models;
using Sitrep.Text.Formats;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep train pos --train F --dev F --out MODEL [--epochs N]`: POS tagger + lemmatizer.</summary>
public static class TrainPosCommand
{
    public static Command Create()
    {
        var train = new Option<string[]>("--train") { Description = "Training CoNLL-U files, or a GUM folder (train split, CC BY/BY-SA genres); several allowed", Required = true, AllowMultipleArgumentsPerToken = true };
        var dev = new Option<string>("--dev") { Description = "Dev CoNLL-U file (early stopping)", Required = true };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => 15 };
        var lemmaTrain = new Option<string[]>("--lemma-train") { Description = "Treebanks the lemmatizer learns from (default: the --train ones)", AllowMultipleArgumentsPerToken = true };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a dev UPOS gain", DefaultValueFactory = _ => 3 };
        var command = new Command("pos", "Train the POS tagger and lemmatizer") { train, dev, output, epochs, lemmaTrain, patience };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(epochs);
            if (n < 1) throw new UsageException("--epochs must be at least 1");
            var sw = Stopwatch.StartNew();
            string devPath = parse.GetValue(dev)!;
            var (trainLabel, trainSet) = TreebankArgument.Read(parse.GetValue(train)!);
            var devSet = Conllu.ReadFile(devPath);
            Console.WriteLine($"train {trainSet.Count} sentences, dev {devSet.Count} sentences");
            var lemmaPaths = parse.GetValue(lemmaTrain);
            var (lemmaLabel, lemmaSet) = lemmaPaths is { Length: > 0 } ? TreebankArgument.Read(lemmaPaths) : (trainLabel, trainSet);
            var result = PosTaggerTrainer.Train(trainSet, devSet, new PosTrainingOptions { Epochs = n, LemmatizerTrain = lemmaSet, Patience = Math.Max(1, parse.GetValue(patience)) }, Console.WriteLine);
            string outPath = parse.GetValue(output)!;
            PosTaggerTrainer.Save(outPath, result, $"train={trainLabel} ({trainSet.Count} sentences); lemmatizer={lemmaLabel}; dev={Path.GetFileName(devPath)}; best epoch {result.BestEpoch}");
            Console.WriteLine($"wrote {outPath} ({new FileInfo(outPath).Length:N0} bytes) in {sw.Elapsed.TotalSeconds:0.0}s");
            return 0;
        });
        return command;
    }
}
