namespace Sitrep.Cli.Tests;

/// <summary>
/// Golden files for whole-article JSON, kept in tests/Sitrep.Cli.Tests/Golden. Set SITREP_UPDATE_GOLDEN=1 to rewrite
/// them after an intended change, then review the diff before committing.
/// </summary>
public static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(SitrepProcess.RepoRoot, "tests", "Sitrep.Cli.Tests", "Golden", name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("SITREP_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests once with SITREP_UPDATE_GOLDEN=1 and review it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual) return;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        int line = 0;
        while (line < Math.Min(expectedLines.Length, actualLines.Length) && expectedLines[line] == actualLines[line]) line++;
        Assert.Fail($"{name} differs from its golden file at line {line + 1}:\n  expected: {Get(expectedLines, line)}\n  actual:   {Get(actualLines, line)}\n(set SITREP_UPDATE_GOLDEN=1 to accept an intended change)");
    }

    private static string Get(string[] lines, int i) => i < lines.Length ? lines[i] : "<end of file>";
}
