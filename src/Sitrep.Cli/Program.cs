using System.CommandLine;
using Sitrep.Cli;
using Sitrep.Cli.Commands;

var root = new RootCommand("Sitrep: news reports to structured, traceable situation data.")
{
    ExtractCommand.Create(),
    EvalCommand.Create(),
    TrainCommand.Create(),
    DataCommand.Create(),
    ServeCommand.Create(),
    IngestCommand.Create(),
    EventsCommand.Create(),
    QuotesCommand.Create(),
    EntitiesCommand.Create(),
    DocumentsCommand.Create(),
    StatsCommand.Create(),
};
return CliRunner.Run(root, args);
