using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Sitrep.Cli.Tests;

public sealed class ExtractCommandTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(SitrepProcess.RepoRoot, "docs", "sitrep-1.schema.json"));

    private static void AssertValid(JsonNode? node)
    {
        var result = Schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, "schema errors: " + string.Join("; ",
            (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    /// <summary>Every start/end pair anywhere in the output lies inside document.text, and every "text" beside one equals the slice.</summary>
    private static void AssertOffsets(JsonNode root)
    {
        var text = root["document"]!["text"]!.GetValue<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["start"] is JsonValue s && obj["end"] is JsonValue e)
                    {
                        int start = s.GetValue<int>(), end = e.GetValue<int>();
                        Assert.InRange(start, 0, text.Length);
                        Assert.InRange(end, start, text.Length);
                        if (obj["text"] is JsonValue t && obj["kind"] is null) Assert.Equal(t.GetValue<string>(), text[start..end]);
                    }
                    foreach (var (key, child) in obj) if (key != "document") Walk(child);
                    break;
                case JsonArray array:
                    foreach (var child in array) Walk(child);
                    break;
            }
        }
        Walk(root);
    }

    [Fact]
    public void Sample_article_matches_its_golden_file_and_the_schema()
    {
        const string sample = "samples/beira-cyclone-relief-2024-03-14.txt";
        var result = SitrepProcess.Run("extract", sample);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var node = JsonNode.Parse(result.Stdout)!;
        AssertValid(node);
        AssertOffsets(node);
        Golden.AssertMatches("beira-cyclone-relief-2024-03-14.json", result.Stdout);
    }

    [Fact]
    public void Seed_article_has_its_metadata_sentences_and_pull_quote()
    {
        var path = Path.Combine(SitrepProcess.SharedSamples, "straits-times-2016-10-27-mosul-raqqa.txt");
        if (!File.Exists(path)) Assert.Skip("../shared/samples/straits-times-2016-10-27-mosul-raqqa.txt is absent beside the repository");
        var result = SitrepProcess.Run("extract", path);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var root = JsonNode.Parse(result.Stdout)!;
        AssertValid(root);
        AssertOffsets(root);
        var document = root["document"]!;
        Assert.Equal("Next: Battle for ISIS' capital in Syria", (string?)document["title"]);
        Assert.Equal("The Straits Times", (string?)document["publisher"]);
        Assert.Equal("2016-10-27", (string?)document["published"]);
        Assert.Equal("PARIS", (string?)document["dateline"]!["text"]);
        var text = (string)document["text"]!;
        Assert.DoesNotContain("print edition", text);
        var regions = root["regions"]!.AsArray();
        var pull = regions.Single(r => (string?)r!["kind"] == "pullquote")!;
        Assert.Equal("We must also be very vigilant towards the return of foreign fighters.", text[(int)pull["start"]!..(int)pull["end"]!]);
        var attribution = regions.Single(r => (string?)r!["kind"] == "pullquote-attribution")!;
        Assert.StartsWith("FRENCH PRESIDENT FRANCOIS HOLLANDE", text[(int)attribution["start"]!..(int)attribution["end"]!]);
        Assert.Equal(regions.IndexOf(pull), (int)attribution["of"]!);
        var sentences = root["sentences"]!.AsArray().Select(s => text[(int)s!["start"]!..(int)s["end"]!]).ToList();
        Assert.Contains("\"We must also be very vigilant towards the return of foreign fighters,\" said Mr Hollande.", sentences);
        Assert.Contains("It was followed by other incidents in the US and Europe perpetrated or inspired by the group.", sentences);
        Assert.True(sentences.Count >= 15, $"only {sentences.Count} sentences");
    }

    [Fact]
    public void Published_option_overrides_the_article_date()
    {
        var result = SitrepProcess.Run("extract", "samples/beira-cyclone-relief-2024-03-14.txt", "--published", "2024-03-15");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2024-03-15", (string?)JsonNode.Parse(result.Stdout)!["document"]!["published"]);
    }

    [Fact]
    public void Tokens_option_adds_the_token_list()
    {
        var result = SitrepProcess.RunWithInput(Encoding.UTF8.GetBytes("Troops don't advance."), "extract", "-", "--tokens");
        Assert.Equal(0, result.ExitCode);
        var root = JsonNode.Parse(result.Stdout)!;
        AssertValid(root);
        var forms = root["tokens"]!.AsArray().Select(t => (string)t!["text"]!).ToArray();
        Assert.Equal(["Troops", "do", "n't", "advance", "."], forms);
    }

    [Fact]
    public void Several_files_print_json_lines_and_jsonl_reads_records()
    {
        var dir = Directory.CreateTempSubdirectory("sitrep-cli-");
        try
        {
            var jsonl = Path.Combine(dir.FullName, "batch.jsonl");
            File.WriteAllText(jsonl,
                "{\"id\":\"a\",\"title\":\"One\",\"text\":\"Rebels seized the town on Monday.\",\"published\":\"2020-01-02\"}\n" +
                "{\"id\":\"b\",\"text\":\"The army retook it.\"}\n");
            var result = SitrepProcess.Run("extract", jsonl, "samples/beira-cyclone-relief-2024-03-14.txt");
            Assert.True(result.ExitCode == 0, result.Stderr);
            var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            var first = JsonNode.Parse(lines[0])!;
            AssertValid(first);
            Assert.Equal("a", (string?)first["document"]!["id"]);
            Assert.Equal("2020-01-02", (string?)first["document"]!["published"]);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Format_json_with_several_documents_prints_one_array()
    {
        var result = SitrepProcess.Run("extract", "samples/beira-cyclone-relief-2024-03-14.txt", "samples/beira-cyclone-relief-2024-03-14.txt", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, JsonNode.Parse(result.Stdout)!.AsArray().Count);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var first = SitrepProcess.Run("extract", "samples/beira-cyclone-relief-2024-03-14.txt");
        var second = SitrepProcess.Run("extract", "samples/beira-cyclone-relief-2024-03-14.txt");
        Assert.Equal(first.Stdout, second.Stdout);
    }
}
