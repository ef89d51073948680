using System.Globalization;
using System.Text;

namespace Sitrep.Text.Formats;

// CoNLL-U (https://universaldependencies.org/format.html): records and a streaming reader.
// Lenient where UD allows (no `# text`, empty nodes, missing lemma or tags as "_", a sentence
// whose HEAD column is all "_"), strict where the data would break training or scoring
// (wrong column count, bad ids or heads, no root, cycles).

/// <summary>One syntactic word of a CoNLL-U sentence (a line with an integer ID).</summary>
public sealed record ConlluWord(
    int Id,
    string Form,
    string? Lemma,
    string? Upos,
    string? Xpos,
    string? Feats,
    int Head,
    string? Deprel,
    string? Deps,
    string? Misc,
    bool SpaceAfter)
{
    /// <summary>The UPOS as the closed enum; <see cref="Sitrep.Upos.None"/> when absent or unknown.</summary>
    public Upos UposTag => Upos is { } u && UposNames.TryParse(u, out var t) ? t : Sitrep.Upos.None;
}

/// <summary>A multiword token (`3-4 don't`): the surface form spanning words <see cref="First"/>..<see cref="Last"/>.</summary>
public sealed record ConlluMultiword(int First, int Last, string Form, string? Misc, bool SpaceAfter);

/// <summary>One sentence: comments, words (1-based ids map to index id-1) and multiword ranges.</summary>
public sealed record ConlluSentence(
    string? SentId,
    string? Text,
    IReadOnlyList<ConlluWord> Words,
    IReadOnlyList<ConlluMultiword> Multiwords,
    int LineNumber)
{
    /// <summary>True when every word has a head (a parse tree was given), false when the HEAD column is "_".</summary>
    public bool HasTree { get; init; } = true;

    /// <summary>A `# newdoc` comment opens this sentence.</summary>
    public bool NewDocument { get; init; }

    /// <summary>A `# newpar` comment opens this sentence (a new paragraph of the raw text).</summary>
    public bool NewParagraph { get; init; }

    /// <summary>The multiword token that starts at word <paramref name="id"/>, or null.</summary>
    public ConlluMultiword? MultiwordStartingAt(int id)
    {
        foreach (var m in Multiwords)
            if (m.First == id) return m;
        return null;
    }
}

public static class Conllu
{
    /// <summary>Reads all sentences of a file.</summary>
    public static List<ConlluSentence> ReadFile(string path)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "file not found");
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return [.. Read(reader, path)];
    }

    /// <summary>Streams sentences; malformed input throws <see cref="SitrepInputException"/> with the file and line.</summary>
    public static IEnumerable<ConlluSentence> Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var words = new List<ConlluWord>();
        var multiwords = new List<ConlluMultiword>();
        var wordLines = new List<int>();
        string? sentId = null, text = null;
        bool newDoc = false, newPar = false;
        int start = 0, lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || IsBlank(line))
            {
                if (words.Count > 0)
                {
                    yield return Finish(fileName, sentId, text, words, multiwords, wordLines, start) with { NewDocument = newDoc, NewParagraph = newPar };
                    words = []; multiwords = []; wordLines = [];
                }
                else if (multiwords.Count > 0)
                    throw new SitrepInputException(fileName, "sentence has a multiword token but no words", lineNo);
                sentId = null; text = null; start = 0; newDoc = false; newPar = false;
                continue;
            }
            if (start == 0) start = lineNo;
            if (line[0] == '#')
            {
                if (words.Count > 0) throw new SitrepInputException(fileName, "comment line inside a sentence", lineNo);
                if (TryComment(line, "sent_id", out var v)) sentId = v;
                else if (TryComment(line, "text", out v)) text = v;
                else if (IsMarker(line, "newdoc")) newDoc = newPar = true;
                else if (IsMarker(line, "newpar")) newPar = true;
                continue;
            }
            ParseLine(fileName, line, lineNo, words, multiwords, wordLines);
        }
        if (words.Count > 0)
            yield return Finish(fileName, sentId, text, words, multiwords, wordLines, start) with { NewDocument = newDoc, NewParagraph = newPar };
        else if (multiwords.Count > 0)
            throw new SitrepInputException(fileName, "sentence has a multiword token but no words", lineNo);
    }

    /// <summary>`# newdoc` or `# newpar`, alone or with an id.</summary>
    private static bool IsMarker(string line, string key)
    {
        var s = line.AsSpan(1).TrimStart();
        return s.StartsWith(key, StringComparison.Ordinal) && (s.Length == key.Length || !char.IsLetterOrDigit(s[key.Length]));
    }

    private static bool IsBlank(string line)
    {
        foreach (char c in line)
            if (!char.IsWhiteSpace(c)) return false;
        return true;
    }

    private static bool TryComment(string line, string key, out string? value)
    {
        var s = line.AsSpan(1).TrimStart();
        if (s.StartsWith(key, StringComparison.Ordinal))
        {
            var rest = s[key.Length..].TrimStart();
            if (rest.Length > 0 && rest[0] == '=')
            {
                value = rest[1..].Trim().ToString();
                return true;
            }
        }
        value = null;
        return false;
    }

    private static void ParseLine(string file, string line, int lineNo, List<ConlluWord> words, List<ConlluMultiword> multiwords, List<int> wordLines)
    {
        Span<Range> cols = stackalloc Range[11];
        var span = line.AsSpan();
        int n = span.Split(cols, '\t');
        if (n != 10) throw new SitrepInputException(file, $"expected 10 tab-separated columns, found {n}", lineNo);
        var id = span[cols[0]];
        string form = span[cols[1]].ToString();
        if (form.Length == 0) throw new SitrepInputException(file, "empty FORM", lineNo);
        string? misc = Opt(span[cols[9]]);
        bool spaceAfter = !HasSpaceAfterNo(misc);

        int dash = id.IndexOf('-');
        if (dash >= 0)
        {
            if (!TryInt(id[..dash], out int a) || !TryInt(id[(dash + 1)..], out int b) || a < 1 || b <= a)
                throw new SitrepInputException(file, $"bad multiword token range '{id}'", lineNo);
            if (a != words.Count + 1) throw new SitrepInputException(file, $"multiword token range '{id}' does not start at the next word {words.Count + 1}", lineNo);
            multiwords.Add(new ConlluMultiword(a, b, form, misc, spaceAfter));
            return;
        }
        if (id.IndexOf('.') >= 0)
        {
            // Empty node of the enhanced graph: legal UD, not part of the basic tree.
            if (!decimal.TryParse(id, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                throw new SitrepInputException(file, $"bad empty node id '{id}'", lineNo);
            return;
        }
        if (!TryInt(id, out int wid)) throw new SitrepInputException(file, $"bad word id '{id}'", lineNo);
        if (wid != words.Count + 1) throw new SitrepInputException(file, $"word id {wid} out of sequence (expected {words.Count + 1})", lineNo);

        var headCol = span[cols[6]];
        int head;
        if (headCol is "_") head = -1;
        else if (!TryInt(headCol, out head) || head < 0)
            throw new SitrepInputException(file, $"HEAD '{headCol}' is not a non-negative integer", lineNo);
        if (head == wid) throw new SitrepInputException(file, $"word {wid} is its own head", lineNo);

        words.Add(new ConlluWord(wid, form, Opt(span[cols[2]], keepUnderscore: form == "_"), Opt(span[cols[3]]), Opt(span[cols[4]]),
            Opt(span[cols[5]]), head, Opt(span[cols[7]]), Opt(span[cols[8]]), misc, spaceAfter));
        wordLines.Add(lineNo);
    }

    private static ConlluSentence Finish(string file, string? sentId, string? text, List<ConlluWord> words, List<ConlluMultiword> multiwords, List<int> wordLines, int start)
    {
        int n = words.Count;
        foreach (var m in multiwords)
            if (m.Last > n) throw new SitrepInputException(file, $"multiword token {m.First}-{m.Last} extends past the last word {n}", start);

        int withHead = 0;
        foreach (var w in words) if (w.Head >= 0) withHead++;
        if (withHead == 0) return new ConlluSentence(sentId, text, words, multiwords, start) { HasTree = false };
        if (withHead != n)
        {
            int i = words.FindIndex(w => w.Head < 0);
            throw new SitrepInputException(file, $"word {i + 1} has no HEAD while others do", wordLines[i]);
        }
        int roots = 0;
        for (int i = 0; i < n; i++)
        {
            int h = words[i].Head;
            if (h > n) throw new SitrepInputException(file, $"HEAD {h} out of range (sentence has {n} words)", wordLines[i]);
            if (h == 0) roots++;
        }
        if (roots != 1) throw new SitrepInputException(file, $"sentence has {roots} roots (HEAD 0), expected exactly one", start);
        // Cycle check: walking up from any word must reach the root within n steps.
        var state = new byte[n + 1]; // 0 unknown, 1 on the current path, 2 reaches root
        for (int i = 1; i <= n; i++)
        {
            int k = i;
            while (k != 0 && state[k] == 0) { state[k] = 1; k = words[k - 1].Head; }
            if (k != 0 && state[k] == 1) throw new SitrepInputException(file, $"the heads of word {k} form a cycle", wordLines[k - 1]);
            k = i;
            while (k != 0 && state[k] == 1) { state[k] = 2; k = words[k - 1].Head; }
        }
        return new ConlluSentence(sentId, text, words, multiwords, start);
    }

    private static bool HasSpaceAfterNo(string? misc)
    {
        if (misc is null) return false;
        foreach (var part in misc.AsSpan().Split('|'))
            if (misc.AsSpan()[part] is "SpaceAfter=No") return true;
        return false;
    }

    private static bool TryInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string? Opt(ReadOnlySpan<char> s, bool keepUnderscore = false) =>
        s.Length == 0 || (!keepUnderscore && s is "_") ? null : s.ToString();
}
