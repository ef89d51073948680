using System.CommandLine;
using System.Globalization;
using Sitrep.Ingest;
using Sitrep.Storage;
using Sitrep.Storage.Ingestion;
using Spectre.Console;

namespace Sitrep.Cli.Commands;

/// <summary>
/// `sitrep ingest PATH... [--db …] [--workers N] [--timeout S]`: reads files, folders, feeds, WARC files or standard
/// input, runs the extraction pipeline in parallel and stores the documents. Progress bar on a terminal, plain log
/// lines when stderr is redirected; every failure is one line on stderr and a row in the errors table; exit 1 when any failed.
/// </summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files, folders (recursive), feeds (.rss/.atom/.xml), WARC files (.warc, .warc.gz) or '-' for standard input", Arity = ArgumentArity.OneOrMore };
        var db = DbOption.Create();
        var workers = new Option<int>("--workers") { Description = "Extraction threads (default: the number of cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var timeout = new Option<double>("--timeout") { Description = "Per-document extraction time limit in seconds (0: none)", DefaultValueFactory = _ => 60 };
        var batch = new Option<int>("--batch") { Description = "Documents per write transaction", DefaultValueFactory = _ => 64 };
        var maxBytes = new Option<long>("--max-bytes") { Description = "Largest input file or record read, in bytes", DefaultValueFactory = _ => IngestOptions.DefaultMaxBytes };
        var nearDup = new Option<double>("--near-duplicate") { Description = "Estimated Jaccard similarity (word 3-shingles, MinHash) at which an article joins an earlier one's story; above 1 disables", DefaultValueFactory = _ => NearDuplicates.DefaultThreshold };
        var eventKey = new Option<string?>("--event-key") { Description = "What makes mentions one event, for a new store (default source,target,root,day,place; also cameo3, cameo4)" };
        var published = new Option<string?>("--published") { Description = "Publication date for articles that give none (YYYY-MM-DD)" };
        var dictionaries = new Option<string?>("--dictionaries") { Description = "Folder of PETRARCH/Phoenix actor and agent dictionaries that extend the actor coder (read in place)" };
        var command = new Command("ingest", "Analyse articles and keep them in the store") { paths, db, workers, timeout, batch, maxBytes, nearDup, eventKey, published, dictionaries };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(workers);
            if (n < 1 || n > 256) throw new UsageException("--workers must be between 1 and 256");
            double seconds = parse.GetValue(timeout);
            if (seconds < 0 || double.IsNaN(seconds)) throw new UsageException("--timeout must be 0 (none) or a positive number of seconds");
            int batchSize = parse.GetValue(batch);
            if (batchSize < 1) throw new UsageException("--batch must be at least 1");
            long max = parse.GetValue(maxBytes);
            if (max < 1 || max >= Array.MaxLength) throw new UsageException($"--max-bytes must be between 1 and {Array.MaxLength - 1}");
            double threshold = parse.GetValue(nearDup);
            if (threshold <= 0 || double.IsNaN(threshold)) throw new UsageException("--near-duplicate must be a similarity above 0 (1.01 disables)");
            EventKeyRule rule;
            try { rule = parse.GetValue(eventKey) is { } k ? EventKeyRule.Parse(k) : EventKeyRule.Default; }
            catch (FormatException e) { throw new UsageException("--event-key: " + e.Message); }
            var date = ExtractCommand.ParsePublished(parse.GetValue(published));

            using var cts = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // First Ctrl-C: stop reading, commit what is complete, end the run. A second one kills the process.
                if (cts.IsCancellationRequested) return;
                e.Cancel = true;
                cts.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var options = new StoreOptions { EventKey = rule, NearDuplicateThreshold = threshold, PlaceNames = GazetteerPlaceNames.Load() };
                using var _ = new AsyncDisposer(DbOption.Open(parse.GetValue(db), options, cts.Token), out var store);
                var reader = new ArticleReader(IngestOptions.Default with { MaxBytes = max, Published = date?.Value, PublishedHasTime = date?.HasTime ?? false });
                var settings = new IngestSettings
                {
                    Workers = n, BatchSize = batchSize, DocumentTimeout = seconds == 0 ? null : TimeSpan.FromSeconds(seconds),
                    Arguments = "ingest " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).SkipWhile(a => a != "ingest").Skip(1)),
                };
                var ingestor = new BatchIngestor(store, new Lazy<Pipeline>(() => Pipelines.Extraction(parse.GetValue(dictionaries)), LazyThreadSafetyMode.ExecutionAndPublication), reader, settings);
                var run = ingestor.RunAsync(parse.GetRequiredValue(paths), cts.Token);
                var summary = Console.IsErrorRedirected ? LogProgress(ingestor.Counters, run) : BarProgress(ingestor.Counters, run);
                foreach (var e in summary.Errors) Console.Error.WriteLine($"sitrep: {e.Source}: {e.Reason}");
                double secs = Math.Max(summary.Elapsed.TotalSeconds, 1e-6);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(summary.Cancelled ? "cancelled: " : "")}{summary.Added} added, {summary.Skipped} inputs unchanged, {summary.Duplicates} duplicate texts, " +
                    $"{summary.NearDuplicates} near-duplicates linked, {summary.Failed} failed in {secs:0.0} s ({summary.Added / secs:0.0} articles/s) into {store.Description} (run {summary.RunId})"));
                return summary.Failed > 0 || summary.Cancelled ? CliRunner.InputError : CliRunner.Ok;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    private static IngestSummary LogProgress(IngestCounters c, Task<IngestSummary> run)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!run.Wait(TimeSpan.FromSeconds(5)))
        {
            double rate = c.Added / Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest: {c.Inputs}/{c.TotalInputs} inputs, {c.Added} added, {c.Skipped + c.Duplicates} skipped, {c.Failed} failed, {rate:0.0} articles/s"));
        }
        return run.GetAwaiter().GetResult();
    }

    private static IngestSummary BarProgress(IngestCounters c, Task<IngestSummary> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("ingest", maxValue: Math.Max(1, c.TotalInputs));
                while (true)
                {
                    bool done = run.Wait(TimeSpan.FromMilliseconds(200));
                    task.MaxValue = Math.Max(1, c.TotalInputs);
                    task.Value = c.Inputs;
                    double rate = c.Added / Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{c.Added} added  {rate:0.0}/s  {c.Skipped + c.Duplicates} skipped  {c.Failed} errors");
                    if (done) break;
                }
                task.Value = task.MaxValue;
            });
        return run.GetAwaiter().GetResult();
    }

    /// <summary>Disposes an async store from a synchronous command.</summary>
    private sealed class AsyncDisposer : IDisposable
    {
        private readonly IAsyncDisposable _target;
        public AsyncDisposer(IStore store, out IStore value) { _target = store; value = store; }
        public void Dispose() => _target.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
