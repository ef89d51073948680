using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Sitrep.Ingest;
using Sitrep.Ingest.Feeds;
using Sitrep.Ingest.Warc;

namespace Sitrep.Storage.Ingestion;

/// <summary>How a batch ingestion runs. Immutable.</summary>
public sealed record IngestSettings
{
    /// <summary>Extraction workers (threads running the pipeline); the writer is one more task.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;
    /// <summary>Documents per write transaction.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>A batch is written at least this often, so a slow stream of documents still lands.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Per-document extraction time limit (the time the stages spent on it), checked after every stage; null for none.</summary>
    public TimeSpan? DocumentTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// Documents a worker extracts together, stage by stage: each stage runs over the whole group before the next, so its
    /// model stays in the processor caches instead of being evicted by the other stages' models after every article.
    /// 1 = one document at a time through all stages.
    /// </summary>
    public int ExtractBatch { get; init; } = 32;
    /// <summary>What the run records as its arguments.</summary>
    public string Arguments { get; init; } = "";
}

/// <summary>Live counters of a run, updated with Interlocked by the ingestor and read by a progress display.</summary>
public sealed class IngestCounters
{
    internal long _inputs, _totalInputs, _added, _skipped, _duplicates, _nearDuplicates, _failed, _documents;
    public long Inputs => Volatile.Read(ref _inputs);
    /// <summary>Input files found (feeds and WARC files count once each, whatever their number of articles).</summary>
    public long TotalInputs => Volatile.Read(ref _totalInputs);
    public long Added => Volatile.Read(ref _added);
    /// <summary>Inputs skipped unread because their bytes were ingested before.</summary>
    public long Skipped => Volatile.Read(ref _skipped);
    /// <summary>Documents not extracted again because their text is already stored.</summary>
    public long Duplicates => Volatile.Read(ref _duplicates);
    public long NearDuplicates => Volatile.Read(ref _nearDuplicates);
    public long Failed => Volatile.Read(ref _failed);
    /// <summary>Documents extracted (added or being written).</summary>
    public long Documents => Volatile.Read(ref _documents);
}

public sealed record IngestSummary(long RunId, long Inputs, long Added, long Skipped, long Duplicates, long NearDuplicates, long Failed,
    TimeSpan Elapsed, IReadOnlyList<IngestError> Errors, bool Cancelled);

/// <summary>
/// Batch ingestion: files, folders (recursive), "-" (standard input), feeds and WARC files in; analysed documents out
/// into an <see cref="IStore"/>. One producer expands the inputs and skips raw inputs already ingested (content hash of the
/// bytes, before any reading); bounded <see cref="Channel"/>s give back-pressure; N workers read and run the pipeline
/// (skipping texts already stored, before extraction); one writer commits documents in batches, each batch one
/// transaction, so a killed run leaves whole documents only and a rerun resumes without duplicates. A failing input or
/// document becomes a row in the errors table and the batch carries on.
/// </summary>
public sealed class BatchIngestor
{
    /// <summary>Extensions a folder walk picks up; other files in folders are left alone.</summary>
    public static readonly string[] Extensions = [".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".rss", ".atom", ".xml", ".warc", ".warc.gz"];

    private readonly IStore _store;
    private readonly Lazy<Pipeline> _pipeline;
    private readonly ArticleReader _reader;
    private readonly IngestSettings _settings;

    public BatchIngestor(IStore store, Pipeline pipeline, ArticleReader reader, IngestSettings? settings = null)
        : this(store, new Lazy<Pipeline>(pipeline ?? throw new ArgumentNullException(nameof(pipeline))), reader, settings) { }

    /// <summary>With a pipeline built on first use: a run that only skips already-ingested inputs never loads the models.</summary>
    public BatchIngestor(IStore store, Lazy<Pipeline> pipeline, ArticleReader reader, IngestSettings? settings = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _settings = settings ?? new IngestSettings();
        if (_settings.Workers < 1) throw new ArgumentOutOfRangeException(nameof(settings), "Workers must be at least 1");
        if (_settings.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(settings), "BatchSize must be at least 1");
        if (_settings.ExtractBatch < 1) throw new ArgumentOutOfRangeException(nameof(settings), "ExtractBatch must be at least 1");
    }

    public IngestCounters Counters { get; } = new();

    private abstract record Message;
    private sealed record DocumentMessage(DocumentInput Input, string Source) : Message;
    private sealed record SourceDone(SourceRecord Record) : Message;
    private sealed record Failure(string Source, string Reason) : Message;

    private sealed record WorkItem(RawArticle Article, string Hash);

    /// <summary>Lists the files the paths name: files as given, folders walked recursively (known extensions, no hidden entries), "-" kept.</summary>
    public static (List<string> Files, List<IngestError> Missing) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var missing = new List<IngestError>();
        foreach (var path in paths)
        {
            if (path == ArticleReader.StandardInput) { files.Add(path); continue; }
            if (Directory.Exists(path))
            {
                var found = new List<string>();
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
                foreach (var f in Directory.EnumerateFiles(path, "*", options))
                    if (!Path.GetFileName(f).StartsWith('.') && Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))) found.Add(f);
                found.Sort(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else if (File.Exists(path)) files.Add(path);
            else missing.Add(new IngestError { Source = path, Reason = "no such file or directory" });
        }
        return (files, missing);
    }

    public async Task<IngestSummary> RunAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var clock = Stopwatch.StartNew();
        var (files, missing) = Expand(paths);
        Interlocked.Exchange(ref Counters._totalInputs, files.Count + missing.Count);
        long runId = await _store.BeginRunAsync(_settings.Arguments, CancellationToken.None).ConfigureAwait(false);

        var work = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(_settings.Workers * Math.Max(4, _settings.ExtractBatch)) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var results = Channel.CreateBounded<Message>(new BoundedChannelOptions(Math.Max(_settings.BatchSize * 2, 16)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var errors = new ConcurrentQueue<IngestError>();
        var inFlight = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

        // Cancelling stops producing and extracting; the writer still commits what was complete, then the run ends.
        // A store failure in the writer stops the producers and workers too (through the linked source).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var callerToken = cancellationToken;
        cancellationToken = stop.Token;
        var writer = Task.Run(() => WriteAsync(results.Reader, runId, errors, stop), CancellationToken.None);
        var workers = new Task[_settings.Workers];
        for (int i = 0; i < workers.Length; i++)
            workers[i] = Task.Factory.StartNew(() => WorkAsync(work.Reader, results.Writer, inFlight, cancellationToken),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        try
        {
            foreach (var m in missing) await results.Writer.WriteAsync(new Failure(m.Source, m.Reason), CancellationToken.None).ConfigureAwait(false);
            await ProduceAsync(files, work.Writer, results.Writer, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        finally
        {
            work.Writer.TryComplete();
            try { await Task.WhenAll(workers).ConfigureAwait(false); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
            finally { results.Writer.TryComplete(); }
        }
        await writer.ConfigureAwait(false);
        bool cancelled = callerToken.IsCancellationRequested;
        var c = Counters;
        var status = cancelled ? "cancelled" : c.Failed > 0 ? "failed" : "completed";
        await _store.EndRunAsync(runId, new RunTotals(c.Added, c.Skipped + c.Duplicates, c.Failed, status), CancellationToken.None).ConfigureAwait(false);
        return new IngestSummary(runId, c.Inputs, c.Added, c.Skipped, c.Duplicates, c.NearDuplicates, c.Failed, clock.Elapsed, [.. errors], cancelled);
    }

    private async Task ProduceAsync(List<string> files, ChannelWriter<WorkItem> work, ChannelWriter<Message> results, CancellationToken ct)
    {
        var feeds = new FeedReader(_reader.Options.MaxBytes);
        var warc = new WarcReader(_reader.Options.MaxBytes);
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (WarcReader.IsWarcPath(file))
                {
                    foreach (var article in warc.Articles(file))
                        await OfferAsync(article, work, ct).ConfigureAwait(false);
                }
                else
                {
                    var bytes = ReadInput(file);
                    if (IsFeed(file, bytes))
                    {
                        // The feed file as a whole: skipped unread when these exact bytes were ingested before.
                        string feedHash = ContentHash.Of(bytes);
                        if (await _store.HasSourceAsync(feedHash, ct).ConfigureAwait(false)) Interlocked.Increment(ref Counters._skipped);
                        else
                        {
                            var items = feeds.Read(bytes, file);
                            foreach (var article in items) await OfferAsync(article, work, ct).ConfigureAwait(false);
                            await results.WriteAsync(new SourceDone(new SourceRecord(feedHash, file, items.Count)), ct).ConfigureAwait(false);
                        }
                    }
                    else await OfferAsync(new RawArticle(file, bytes, InputFormat.Auto), work, ct, ContentHash.Of(bytes)).ConfigureAwait(false);
                }
            }
            catch (SitrepInputException e)
            {
                await results.WriteAsync(new Failure(e.File ?? file, e.Reason), CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await results.WriteAsync(new Failure(file, "cannot read: " + e.Message), CancellationToken.None).ConfigureAwait(false);
            }
            catch (UnauthorizedAccessException)
            {
                await results.WriteAsync(new Failure(file, "permission denied"), CancellationToken.None).ConfigureAwait(false);
            }
            Interlocked.Increment(ref Counters._inputs);
        }
    }

    private static bool IsFeed(string file, byte[] bytes)
    {
        if (file.EndsWith(".rss", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".atom", StringComparison.OrdinalIgnoreCase)) return true;
        if (file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || file == ArticleReader.StandardInput) return FeedReader.LooksLikeFeed(bytes);
        return false;
    }

    private byte[] ReadInput(string file)
    {
        long max = _reader.Options.MaxBytes;
        if (file == ArticleReader.StandardInput)
        {
            using var stdin = Console.OpenStandardInput();
            using var ms = new MemoryStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = stdin.Read(buffer, 0, buffer.Length)) > 0)
            {
                ms.Write(buffer, 0, n);
                if (ms.Length > max) throw new SitrepInputException(file, $"input too large (more than {max} bytes)");
            }
            return ms.ToArray();
        }
        var info = new FileInfo(file);
        if (info.Length > max) throw new SitrepInputException(file, $"file too large ({info.Length} bytes; the limit is {max})");
        return File.ReadAllBytes(file);
    }

    private async Task OfferAsync(RawArticle article, ChannelWriter<WorkItem> work, CancellationToken ct, string? hash = null)
    {
        hash ??= ContentHash.Of(article.Bytes);
        if (await _store.HasSourceAsync(hash, ct).ConfigureAwait(false))
        {
            Interlocked.Increment(ref Counters._skipped);
            return;
        }
        await work.WriteAsync(new WorkItem(article, hash), ct).ConfigureAwait(false);
    }

    /// <summary>A document read from an input, waiting for extraction; <see cref="Error"/> set when it failed.</summary>
    private sealed class Pending(Document document, string hash, string label)
    {
        public Document Document { get; } = document;
        public string Hash { get; } = hash;
        public string Label { get; } = label;
        public long Ticks;
        public string? Error;
    }

    /// <summary>One input taken by a worker: its messages in order (read failures and pending documents) and whether it failed.</summary>
    private sealed class Taken(WorkItem item)
    {
        public WorkItem Item { get; } = item;
        public List<object> Outputs { get; } = [];
        /// <summary>Documents read from the input, including texts already stored.</summary>
        public int Documents;
        public bool Failed;
    }

    private async Task WorkAsync(ChannelReader<WorkItem> work, ChannelWriter<Message> results, ConcurrentDictionary<string, byte> inFlight, CancellationToken ct)
    {
        var taken = new List<Taken>();
        var pending = new List<Pending>();
        while (await work.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            // Take the inputs waiting now, up to a group of documents, and extract the group stage by stage. A worker
            // takes at most its share of the queue, so the last inputs of a run are spread over all the workers.
            int share = work.CanCount ? Math.Max(1, (work.Count + _settings.Workers - 1) / _settings.Workers) : int.MaxValue;
            while (pending.Count < _settings.ExtractBatch && taken.Count < share && work.TryRead(out var item))
            {
                var t = new Taken(item);
                taken.Add(t);
                await ReadAsync(t, pending, inFlight, ct).ConfigureAwait(false);
            }
            for (int i = 0; i < pending.Count; i += _settings.ExtractBatch)
                Extract(pending.GetRange(i, Math.Min(_settings.ExtractBatch, pending.Count - i)), ct);
            foreach (var t in taken)
            {
                foreach (var output in t.Outputs)
                {
                    if (output is Failure f) { await results.WriteAsync(f, CancellationToken.None).ConfigureAwait(false); continue; }
                    var p = (Pending)output;
                    if (p.Error is { } reason)
                    {
                        t.Failed = true;
                        inFlight.TryRemove(p.Hash, out _);
                        await results.WriteAsync(new Failure(p.Label, reason), CancellationToken.None).ConfigureAwait(false);
                        continue;
                    }
                    var input = new DocumentInput(p.Document) { ContentHash = p.Hash, Signature = NearDuplicates.Signature(p.Document.Text) };
                    Interlocked.Increment(ref Counters._documents);
                    await results.WriteAsync(new DocumentMessage(input, p.Label), CancellationToken.None).ConfigureAwait(false);
                }
                // Only a fully successful input is remembered as done: one with failures is retried by the next run.
                if (!t.Failed)
                    await results.WriteAsync(new SourceDone(new SourceRecord(t.Item.Hash, t.Item.Article.Source, t.Documents)), CancellationToken.None).ConfigureAwait(false);
            }
            taken.Clear();
            pending.Clear();
        }
    }

    /// <summary>Reads one input into documents to extract (texts already stored or in flight are skipped) and failures.</summary>
    private async Task ReadAsync(Taken t, List<Pending> pending, ConcurrentDictionary<string, byte> inFlight, CancellationToken ct)
    {
        var source = t.Item.Article.Source;
        IReadOnlyList<ReadResult> read;
        try { read = t.Item.Article.Read(_reader); }
        catch (SitrepInputException e)
        {
            t.Outputs.Add(new Failure(e.File ?? source, e.Reason));
            t.Failed = true;
            return;
        }
        foreach (var r in read)
        {
            ct.ThrowIfCancellationRequested();
            if (r.Document is not { } doc)
            {
                t.Failed = true;
                var e = r.Error!;
                t.Outputs.Add(new Failure(e.LineNumber is { } l ? $"{e.File ?? source}:{l}" : e.File ?? source, e.Reason));
                continue;
            }
            t.Documents++;
            string hash = ContentHash.Of(doc.Text);
            // Same text stored already (or being extracted by another worker): skip the extraction entirely.
            if (!inFlight.TryAdd(hash, 0) || await _store.FindDocumentAsync(hash, ct).ConfigureAwait(false) is not null)
            {
                Interlocked.Increment(ref Counters._duplicates);
                continue;
            }
            var p = new Pending(doc, hash, DocumentLabel(doc, source));
            t.Outputs.Add(p);
            pending.Add(p);
        }
    }

    private static string DocumentLabel(Document doc, string source) => doc.Metadata.Source is { Length: > 0 } s ? s : source;

    /// <summary>
    /// Runs the pipeline over a group of documents, stage by stage. A document whose stage throws, or whose stages have
    /// taken longer than the per-document limit, gets its error and skips the remaining stages; the others go on.
    /// </summary>
    private void Extract(List<Pending> group, CancellationToken ct)
    {
        var limit = _settings.DocumentTimeout;
        foreach (var stage in _pipeline.Value.Stages)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var p in group)
            {
                if (p.Error is not null) continue;
                long t0 = Stopwatch.GetTimestamp();
                try
                {
                    stage.Process(p.Document);
                    p.Document.Layers.Add(stage.Name);
                }
                catch (SitrepInputException e) { p.Error = e.Reason; continue; }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    // A stage bug must not stop the batch: record it with its type so it can be reported and fixed.
                    p.Error = $"extraction failed: {e.GetType().Name}: {e.Message}";
                    continue;
                }
                p.Ticks += Stopwatch.GetTimestamp() - t0;
                if (limit is { } l && Stopwatch.GetElapsedTime(0, p.Ticks) > l)
                    p.Error = $"exceeded the per-document time limit of {l.TotalSeconds:0.#} s (in stage {stage.Name})";
            }
        }
    }

    private async Task WriteAsync(ChannelReader<Message> results, long runId, ConcurrentQueue<IngestError> errors, CancellationTokenSource stop)
    {
        try
        {
            await WriteAllAsync(results, runId, errors).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Stop everyone, drain so no worker stays blocked on the full channel, then report the store's error.
            await stop.CancelAsync().ConfigureAwait(false);
            while (await results.WaitToReadAsync().ConfigureAwait(false)) while (results.TryRead(out _)) { }
            throw;
        }
    }

    private async Task WriteAllAsync(ChannelReader<Message> results, long runId, ConcurrentQueue<IngestError> errors)
    {
        var batch = new WriteBatch { RunId = runId };
        var flushAt = Stopwatch.GetTimestamp();
        async Task FlushAsync()
        {
            if (batch.IsEmpty) return;
            var written = await _store.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
            foreach (var r in written)
            {
                if (r.Outcome == AddOutcome.Added)
                {
                    Interlocked.Increment(ref Counters._added);
                    if (r.NearDuplicateOf is not null) Interlocked.Increment(ref Counters._nearDuplicates);
                }
                else Interlocked.Increment(ref Counters._duplicates);
            }
            batch = new WriteBatch { RunId = runId };
            flushAt = Stopwatch.GetTimestamp();
        }

        while (await results.WaitToReadAsync().ConfigureAwait(false))
        {
            while (results.TryRead(out var message))
            {
                switch (message)
                {
                    case DocumentMessage d: batch.Documents.Add(d.Input); break;
                    case SourceDone s: batch.Sources.Add(s.Record); break;
                    case Failure f:
                        var error = new IngestError { Source = f.Source, Reason = f.Reason, RunId = runId };
                        batch.Errors.Add(error);
                        errors.Enqueue(error);
                        Interlocked.Increment(ref Counters._failed);
                        break;
                }
                if (batch.Documents.Count >= _settings.BatchSize) await FlushAsync().ConfigureAwait(false);
            }
            if (Stopwatch.GetElapsedTime(flushAt) >= _settings.FlushInterval) await FlushAsync().ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);
    }
}
