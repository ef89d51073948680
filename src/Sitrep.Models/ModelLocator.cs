namespace Sitrep.Models;

/// <summary>
/// Finds the shipped model directory: an explicit path (--model), else $SITREP_MODELS, else the first
/// <c>data/models</c> found walking up from the application's base directory.
/// </summary>
public static class ModelLocator
{
    public const string EnvironmentVariable = "SITREP_MODELS";
    public const string PosModelFile = "en-pos.sitrep-model";
    public const string ParserModelFile = "en-parser.sitrep-model";

    public static string ResolveDirectory(string? explicitDirectory = null)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
            return Directory.Exists(explicitDirectory) ? Path.GetFullPath(explicitDirectory)
                : throw new SitrepInputException(explicitDirectory, "model directory not found");
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
            return Directory.Exists(env) ? Path.GetFullPath(env)
                : throw new SitrepInputException(env, $"model directory from ${EnvironmentVariable} not found");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "models");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new SitrepInputException(null, $"no data/models directory found above {AppContext.BaseDirectory}; pass --model DIR or set ${EnvironmentVariable}");
    }

    public static string PosModelPath(string? explicitDirectory = null) => Path.Combine(ResolveDirectory(explicitDirectory), PosModelFile);
    public static string ParserModelPath(string? explicitDirectory = null) => Path.Combine(ResolveDirectory(explicitDirectory), ParserModelFile);
}
