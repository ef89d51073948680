using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Sitrep.Benchmarks;

/// <summary>
/// Real news text for the ingest benchmark: the TimeBank and AQUAINT articles of ../shared/corpora/tempeval3-train
/// (TimeML tags removed), joined in file order into articles of at least 4,000 characters (96 articles, 5.5 KB on average; the target is about 4 KB; the originals
/// average 2 KB). Written to a temporary folder as .txt files with a headline line, as `sitrep ingest` reads them.
/// </summary>
public static partial class NewsArticles
{
    public const int TargetChars = 4000;

    public static string? Corpus()
    {
        var root = BenchmarkCorpus.RepoRoot();
        if (root is null) return null;
        var dir = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpora", "tempeval3-train"));
        return Directory.Exists(dir) ? dir : null;
    }

    public static List<string> Build()
    {
        var dir = Corpus() ?? throw new InvalidOperationException("../shared/corpora/tempeval3-train is absent");
        var articles = new List<string>();
        var current = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(dir, "*.tml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var xml = File.ReadAllText(file);
            int a = xml.IndexOf("<TEXT>", StringComparison.Ordinal), b = xml.IndexOf("</TEXT>", StringComparison.Ordinal);
            if (a < 0 || b < a) continue;
            var text = WebUtility.HtmlDecode(Tags().Replace(xml[(a + 6)..b], "")).Trim();
            if (current.Length == 0) current.Append("Report ").Append(articles.Count + 1).Append("\n\n");
            else current.Append("\n\n");
            current.Append(text);
            if (current.Length >= TargetChars)
            {
                articles.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > TargetChars / 2) articles.Add(current.ToString());
        return articles;
    }

    /// <summary>Writes the articles as NNN.txt into a new temporary folder.</summary>
    public static string WriteFolder(List<string> articles)
    {
        var dir = Directory.CreateTempSubdirectory("sitrep-bench-news-").FullName;
        for (int i = 0; i < articles.Count; i++) File.WriteAllText(Path.Combine(dir, $"{i:000}.txt"), articles[i]);
        return dir;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
