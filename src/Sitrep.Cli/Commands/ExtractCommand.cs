using System.CommandLine;
using System.Globalization;
using Sitrep.Ingest;
using Sitrep.Json;

namespace Sitrep.Cli.Commands;

/// <summary>
/// `sitrep extract FILE... [--format json|jsonl|geojson] [--published DATE] [--tokens]`: reads each article, runs the
/// pipeline and prints sitrep/1 JSON. One document prints one indented object; several print JSON lines.
/// A file that cannot be read is reported on stderr and skipped; the exit code is then 1.
/// </summary>
public static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Article files (.txt, .html, .json, .jsonl); '-' reads standard input", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = "Output: json (one indented object, or an array for several documents), jsonl (one object per line) or geojson (a FeatureCollection of resolved places and events)" };
        format.AcceptOnlyFromAmong("json", "jsonl", "geojson");
        var published = new Option<string?>("--published") { Description = "Publication date (YYYY-MM-DD or an ISO 8601 date-time); overrides the article's own" };
        var tokens = new Option<bool>("--tokens") { Description = "Add the token list (POS, lemma, head, relation) to the output" };
        var profile = new Option<bool>("--profile") { Description = "Print the time spent in each pipeline stage on stderr" };
        var dictionaries = new Option<string?>("--dictionaries") { Description = "Folder of PETRARCH/Phoenix actor and agent dictionaries that extend the actor coder (read in place)" };
        var command = new Command("extract", "Extract structured situation data from news articles") { files, format, published, tokens, profile, dictionaries };
        command.SetAction(parse =>
        {
            var date = ParsePublished(parse.GetValue(published));
            var reader = new ArticleReader(IngestOptions.Default with { Published = date?.Value, PublishedHasTime = date?.HasTime ?? false });
            var pipeline = Pipelines.Extraction(parse.GetValue(dictionaries));
            var paths = parse.GetRequiredValue(files);
            var documents = new List<Document>();
            int failures = 0;
            var timings = parse.GetValue(profile) ? new StageTimings() : null;
            foreach (var path in paths)
            {
                try
                {
                    foreach (var result in reader.ReadFile(path))
                    {
                        if (result.Document is { } doc) documents.Add(doc);
                        else { Console.Error.WriteLine($"sitrep: {result.Error!.Message}"); failures++; }
                    }
                }
                catch (SitrepInputException e)
                {
                    Console.Error.WriteLine($"sitrep: {e.Message}");
                    failures++;
                }
            }
            // Stage by stage over groups of documents (Pipeline.Process on a list): the same output, faster over many files.
            for (int i = 0; i < documents.Count; i += ExtractGroup)
                pipeline.Process(documents.GetRange(i, Math.Min(ExtractGroup, documents.Count - i)), timings);
            Write(documents, parse.GetValue(format), parse.GetValue(tokens));
            if (timings is not null) PrintProfile(timings);
            return failures > 0 ? CliRunner.InputError : CliRunner.Ok;
        });
        return command;
    }

    private const int ExtractGroup = 32;

    private static void PrintProfile(StageTimings timings)
    {
        double total = Math.Max(1e-9, timings.Total.TotalMilliseconds);
        Console.Error.WriteLine($"{timings.Documents} documents, {timings.Tokens:N0} tokens, {timings.Characters:N0} characters, {total:N1} ms in the pipeline ({timings.Documents / (total / 1000):N1} documents/s, {timings.Tokens / (total / 1000):N0} tokens/s, the first group of {ExtractGroup} documents includes warm-up)");
        foreach (var (stage, ticks) in timings.Stages)
        {
            double ms = System.Diagnostics.Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;
            Console.Error.WriteLine($"  {stage,-12} {ms,10:N1} ms  {100 * ms / total,5:N1}%");
        }
    }

    private static void Write(List<Document> documents, string? format, bool includeTokens)
    {
        if (documents.Count == 0) return;
        if (format == "geojson")
        {
            using var geoOut = Console.OpenStandardOutput();
            new GeoJsonWriter().Write(geoOut, documents);
            geoOut.WriteByte((byte)'\n');
            return;
        }
        bool lines = format == "jsonl" || format is null && documents.Count > 1;
        var writer = new DocumentJsonWriter(new JsonWriterOptions { Indented = !lines, IncludeTokens = includeTokens });
        using var stdout = Console.OpenStandardOutput();
        using var output = new BufferedStream(stdout, 1 << 16);
        if (lines)
        {
            foreach (var doc in documents)
            {
                writer.Write(output, doc);
                output.WriteByte((byte)'\n');
            }
            return;
        }
        if (documents.Count > 1) output.WriteByte((byte)'[');
        for (int i = 0; i < documents.Count; i++)
        {
            if (i > 0) output.WriteByte((byte)',');
            writer.Write(output, documents[i]);
        }
        if (documents.Count > 1) output.WriteByte((byte)']');
        output.WriteByte((byte)'\n');
    }

    /// <summary>A --published value: a calendar date or an ISO 8601 date-time; anything else is a usage error.</summary>
    public static (DateTimeOffset Value, bool HasTime)? ParsePublished(string? value)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return (new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), false);
        if (value.Length > 10 && value[10] == 'T'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
            return (moment, true);
        throw new UsageException($"--published: '{value}' is not a valid date (expected YYYY-MM-DD or an ISO 8601 date-time)");
    }
}
