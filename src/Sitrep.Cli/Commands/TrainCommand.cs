using System.CommandLine;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep train MODEL`: trains a shipped model from a corpus path.</summary>
public static class TrainCommand
{
    public static Command Create() => new("train", "Train a statistical model from a corpus")
    {
        TrainPosCommand.Create(),
        TrainParserCommand.Create(),
        TrainNerCommand.Create(),
    };
}
