namespace Sitrep.Cli;

/// <summary>Checks a path given on the command line before anything reads it.</summary>
public static class InputFiles
{
    /// <summary>Returns <paramref name="path"/> when it names a readable file; otherwise throws a one-line input error.</summary>
    public static string Check(string path, string shown)
    {
        if (Directory.Exists(path)) throw new SitrepInputException(shown, "is a directory, not a file");
        if (!File.Exists(path)) throw new SitrepInputException(shown, "no such file");
        return path;
    }
}
