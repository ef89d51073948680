using Sitrep.Models;
using Sitrep.Text.Formats;

namespace Sitrep.Cli.Commands;

/// <summary>Reads UD training treebanks given by path: CoNLL-U files, or a GUM folder (its train split, CC BY / CC BY-SA genres only).</summary>
public static class TreebankArgument
{
    public static (string Label, List<ConlluSentence> Sentences) Read(IReadOnlyList<string> paths)
    {
        var all = new List<ConlluSentence>();
        var labels = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                var s = Conllu.ReadFile(path);
                all.AddRange(s);
                labels.Add($"{Path.GetFileName(path)} ({s.Count} sentences)");
                continue;
            }
            if (!Directory.Exists(path) || !File.Exists(Path.Combine(path, "splits.md")))
                throw new SitrepInputException(path, "expected a CoNLL-U file or a GUM folder (with splits.md and dep/)");
            var files = NerCorpus.GumFiles(path, "train", NerCorpus.GumOpenGenres);
            int count = 0;
            foreach (var f in files)
            {
                var s = Conllu.ReadFile(f);
                all.AddRange(s);
                count += s.Count;
            }
            labels.Add($"GUM train, genres {string.Join('/', NerCorpus.GumOpenGenres)} ({files.Count} docs, {count} sentences)");
        }
        return (string.Join(" + ", labels), all);
    }
}
