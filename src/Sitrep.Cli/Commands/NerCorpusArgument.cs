using Sitrep.Models;

namespace Sitrep.Cli.Commands;

/// <summary>Reads a NER corpus given by path, choosing the reader by what the path is (see docs/entities.md).</summary>
public static class NerCorpusArgument
{
    /// <summary>
    /// A `.iob2` file: UNER IOB2; another file: CoNLL (wikigold); a folder with splits.md: GUM (the given split, CC BY/BY-SA
    /// genres, or only <paramref name="gumGenre"/>); a folder with documents.json, or whose subfolders have one: re3d.
    /// </summary>
    public static (string Label, List<NerSentence> Sentences) Read(string path, string gumSplit, string? gumGenre = null)
    {
        var (label, sentences) = ReadAny(path, gumSplit, gumGenre);
        // UNER EWT (.iob2) is web text; wikigold, GUM and re3d are edited news-like text (the domain of feature augmentation).
        int domain = path.EndsWith(".iob2", StringComparison.OrdinalIgnoreCase) ? NerSentence.WebDomain : NerSentence.NewsDomain;
        for (int i = 0; i < sentences.Count; i++) sentences[i] = sentences[i] with { Domain = domain };
        return (label, sentences);
    }

    private static (string Label, List<NerSentence> Sentences) ReadAny(string path, string gumSplit, string? gumGenre)
    {
        // "PATH@dev" / "PATH@train": the held-back dev slice (every fifth document) or the rest, for corpora without a dev split.
        foreach (var slice in (ReadOnlySpan<string>)["dev", "train"])
        {
            if (!path.EndsWith("@" + slice, StringComparison.Ordinal)) continue;
            var (label, whole) = ReadAny(path[..^(slice.Length + 1)], gumSplit, gumGenre);
            var part = NerCorpus.Slice(whole, slice == "dev");
            return ($"{label} @{slice} (documents {(slice == "dev" ? "4, 9, 14, …" : "not 4, 9, 14, …")})", part);
        }
        if (File.Exists(path))
        {
            var format = path.EndsWith(".iob2", StringComparison.OrdinalIgnoreCase) ? NerFileFormat.Iob2 : NerFileFormat.Conll;
            return (Path.GetFileName(path), NerCorpus.ReadTagged(path, format));
        }
        if (!Directory.Exists(path)) throw new SitrepInputException(path, "corpus file or folder not found");
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        if (File.Exists(Path.Combine(path, "splits.md")))
        {
            string[] genres = gumGenre is null ? NerCorpus.GumOpenGenres : [gumGenre];
            var files = NerCorpus.GumFiles(path, gumSplit, genres);
            return ($"GUM {gumSplit} ({string.Join('/', genres)}; {files.Count} docs)", NerCorpus.ReadGum(files));
        }
        if (File.Exists(Path.Combine(path, "documents.json"))) return ("re3d " + name, NerCorpus.ReadRe3d(path));
        var subs = Directory.GetDirectories(path);
        Array.Sort(subs, StringComparer.Ordinal);
        var all = new List<NerSentence>();
        var used = new List<string>();
        foreach (var sub in subs)
            if (File.Exists(Path.Combine(sub, "documents.json"))) { all.AddRange(NerCorpus.ReadRe3d(sub)); used.Add(Path.GetFileName(sub)); }
        if (used.Count == 0) throw new SitrepInputException(path, "not a NER corpus (expected an .iob2/CoNLL file, a GUM folder or re3d folders)");
        return ($"re3d ({string.Join(", ", used)})", all);
    }
}
