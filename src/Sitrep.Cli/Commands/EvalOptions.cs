using System.CommandLine;
using Sitrep.Evaluation;

namespace Sitrep.Cli.Commands;

/// <summary>What every `sitrep eval` command shares: the --json option and the table-then-JSON output contract.</summary>
public static class EvalOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Also print the metrics as one JSON object on the last line" };

    public static void Print(MetricReport report, bool json)
    {
        Console.Out.Write(report.ToTable());
        if (json) Console.Out.WriteLine(report.ToJson());
    }
}
