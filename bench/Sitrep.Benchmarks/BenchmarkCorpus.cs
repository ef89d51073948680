using System.Text;
using Sitrep.Text.Formats;

namespace Sitrep.Benchmarks;

/// <summary>Benchmark input read from ../shared/corpora by path (never copied into the repository).</summary>
public static class BenchmarkCorpus
{
    public static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx"))) return dir.FullName;
        return null;
    }

    /// <summary>Path of a UD English EWT split, or null when the shared corpora are not beside the repository.</summary>
    public static string? Ewt(string split)
    {
        var root = RepoRoot();
        if (root is null) return null;
        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpora", "ud-english-ewt", $"en_ewt-ud-{split}.conllu"));
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// The raw text of each document of a CoNLL-U file (`# newdoc`), joined as <see cref="RawText"/> joins them: the same
    /// characters as the whole file's raw text, minus the paragraph breaks between documents.
    /// </summary>
    public static List<string> RawDocuments(string conlluPath)
    {
        var docs = new List<string>();
        var sb = new StringBuilder();
        foreach (var s in Conllu.ReadFile(conlluPath))
        {
            if (s.NewDocument && sb.Length > 0) { docs.Add(sb.ToString()); sb.Clear(); }
            if (sb.Length > 0) sb.Append(s.NewParagraph ? "\n\n" : " ");
            sb.Append(s.Text ?? string.Join(' ', s.Words.Select(w => w.Form)));
        }
        if (sb.Length > 0) docs.Add(sb.ToString());
        return docs;
    }

    /// <summary>The raw text of a CoNLL-U file: `# text` lines, sentences of a paragraph joined by a space, paragraphs by a blank line.</summary>
    public static string RawText(string conlluPath)
    {
        var sb = new StringBuilder();
        foreach (var s in Conllu.ReadFile(conlluPath))
        {
            if (sb.Length > 0) sb.Append(s.NewParagraph ? "\n\n" : " ");
            sb.Append(s.Text ?? string.Join(' ', s.Words.Select(w => w.Form)));
        }
        return sb.ToString();
    }
}
