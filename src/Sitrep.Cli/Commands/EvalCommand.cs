using System.CommandLine;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval STAGE`: every evaluation prints a table, and with --json one JSON object as its last line.</summary>
public static class EvalCommand
{
    public static Command Create() => new("eval", "Score a stage against a public gold standard")
    {
        EvalTokenizeCommand.Create(),
        EvalPosCommand.Create(),
        EvalDepsCommand.Create(),
        EvalNerCommand.Create(),
        EvalTimexCommand.Create(),
        EvalQuotesCommand.Create(),
        EvalGeoCommand.Create(),
        EvalEventsCommand.Create(),
    };
}
