using System.Text;

namespace Sitrep.Cli.Tests;

/// <summary>Bad input gets one clear line on stderr naming the file, exit 1 (input) or 2 (usage), and never a stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sitrep-bad-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string File(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.FullName, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertOneLineError(SitrepProcess.Result result, int exitCode, params string[] fragments)
    {
        Assert.Equal(exitCode, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        foreach (var f in fragments) Assert.Contains(f, result.Stderr);
        Assert.True(lines.Length >= 1, "no error message");
    }

    [Fact]
    public void Missing_file()
    {
        var result = SitrepProcess.Run("extract", "no/such/file.txt");
        AssertOneLineError(result, 1, "no/such/file.txt", "no such file");
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Directory_given_as_a_file() => AssertOneLineError(SitrepProcess.Run("extract", _dir.FullName), 1, _dir.FullName, "directory");

    [Fact]
    public void Empty_file() => AssertOneLineError(SitrepProcess.Run("extract", File("empty.txt", [])), 1, "empty.txt", "empty");

    [Fact]
    public void Binary_file() => AssertOneLineError(SitrepProcess.Run("extract", File("blob.txt", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 0, 0, 0, 9, 0, 0])), 1, "blob.txt", "binary");

    [Fact]
    public void Invalid_utf8_that_is_not_windows_1252_either()
        => AssertOneLineError(SitrepProcess.Run("extract", File("bad.txt", [0x48, 0x69, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x20, 0xC3, 0x28])), 1, "bad.txt");

    [Fact]
    public void Huge_file_is_refused_without_being_read()
    {
        var path = Path.Combine(_dir.FullName, "huge.txt");
        using (var f = new FileStream(path, FileMode.CreateNew)) f.SetLength(200L * 1024 * 1024);
        AssertOneLineError(SitrepProcess.Run("extract", path), 1, "huge.txt", "too large");
    }

    [Fact]
    public void Malformed_html_without_text() => AssertOneLineError(SitrepProcess.Run("extract", File("page.html", Encoding.UTF8.GetBytes("<html><head><title></title></head><body><div><script>var x;</script></body"))), 1, "page.html");

    [Fact]
    public void Malformed_json() => AssertOneLineError(SitrepProcess.Run("extract", File("doc.json", Encoding.UTF8.GetBytes("{\"text\": \"unterminated"))), 1, "doc.json");

    [Fact]
    public void Unknown_format_is_a_usage_error()
    {
        var result = SitrepProcess.Run("extract", "samples/beira-cyclone-relief-2024-03-14.txt", "--format", "xml");
        AssertOneLineError(result, 2, "xml");
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("2016-02-30")]
    [InlineData("yesterday")]
    [InlineData("2016-13-01")]
    public void Impossible_published_date_is_a_usage_error(string date)
        => AssertOneLineError(SitrepProcess.Run("extract", "samples/beira-cyclone-relief-2024-03-14.txt", "--published", date), 2, "--published", date);

    [Fact]
    public void A_bad_file_among_good_ones_is_reported_and_the_others_still_processed()
    {
        var result = SitrepProcess.Run("extract", "samples/beira-cyclone-relief-2024-03-14.txt", File("empty.txt", []), "samples/beira-cyclone-relief-2024-03-14.txt");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("empty.txt", result.Stderr);
        Assert.Equal(2, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_line_of_ten_megabytes_without_spaces_is_processed()
    {
        var bytes = new byte[10 * 1024 * 1024];
        Array.Fill(bytes, (byte)'x');
        var result = SitrepProcess.Run("extract", File("long.txt", bytes), "--format", "jsonl");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("\"sentences\":[{\"start\":0,\"end\":10485760}]", result.Stdout);
    }

    [Fact]
    public void Eval_with_a_missing_gold_file()
        => AssertOneLineError(SitrepProcess.Run("eval", "tokenize", "--gold", "missing.conllu"), 1, "missing.conllu");
}
