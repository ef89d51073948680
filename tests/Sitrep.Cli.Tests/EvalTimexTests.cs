using System.Text;

namespace Sitrep.Cli.Tests;

/// <summary>`sitrep eval timex`: figures on a small TimeML file, and one-line errors for bad input.</summary>
public sealed class EvalTimexTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sitrep-timex-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text, Encoding.UTF8);
        return path;
    }

    private const string Tml = """
        <?xml version="1.0" ?>
        <TimeML>
        <DCT><TIMEX3 tid="t0" type="DATE" value="2016-10-27" functionInDocument="CREATION_TIME">2016-10-27</TIMEX3></DCT>
        <TEXT>
        ISIS fighters <TIMEX3 tid="t1" type="DATE" value="2016-10-26">yesterday</TIMEX3> held the city, as they had <TIMEX3 tid="t2" type="DATE" value="2016-W43">this week</TIMEX3>.
        </TEXT>
        </TimeML>
        """;

    [Fact]
    public void Scores_a_file_and_prints_json_last()
    {
        var result = SitrepProcess.Run("eval", "timex", "--gold", Write("a.tml", Tml), "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Stdout.TrimEnd().Split('\n')[^1];
        Assert.Contains("\"timex_strict_f1\":1", json);
        Assert.Contains("\"timex_value_f1\":1", json);
    }

    [Fact]
    public void Bad_split_is_a_usage_error()
    {
        var result = SitrepProcess.Run("eval", "timex", "--gold", Write("a.tml", Tml), "--split", "dev");
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Folder_without_tml_files_is_an_input_error()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir.FullName, "empty"));
        var result = SitrepProcess.Run("eval", "timex", "--gold", empty.FullName);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no .tml files", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Malformed_timeml_names_file_and_line()
    {
        var result = SitrepProcess.Run("eval", "timex", "--gold", Write("bad.tml", "<TimeML>\n<TEXT>a <TIMEX3 type=\"DATE\">b</TEXT>\n</TimeML>"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.tml:2:", result.Stderr);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
