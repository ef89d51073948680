using System.Globalization;
using System.Text.Json;
using Sitrep.Text.Formats;
using Sitrep.Text.Tokenization;

namespace Sitrep.Models;

/// <summary>A sentence with one IOB2 tag per word (types PER, ORG, LOC after mapping); <see cref="NewDocument"/> opens a document.</summary>
public sealed record NerSentence(string[] Words, string[] Tags, int LineNumber, bool NewDocument = false)
{
    /// <summary>Gold UPOS per word when the corpus has it, else null.</summary>
    public Upos[]? Pos { get; init; }

    /// <summary>Text domain for feature augmentation in training: <see cref="WebDomain"/> (UNER EWT) or <see cref="NewsDomain"/> (GUM, wikigold, re3d).</summary>
    public int Domain { get; init; }

    public const int WebDomain = 0, NewsDomain = 1;
}

/// <summary>Token-level NER file formats: UNER's tab-separated IOB2 (`id token tag …`) or CoNLL (`token … tag`, IOB1 or IOB2).</summary>
public enum NerFileFormat { Iob2, Conll }

/// <summary>
/// Readers for the NER training and evaluation corpora, each mapped onto Sitrep's model label set
/// PER/ORG/LOC (see docs/entities.md for the mapping). Malformed input raises <see cref="SitrepInputException"/>
/// with file and line.
/// </summary>
public static class NerCorpus
{
    public static readonly string[] ModelTypes = ["LOC", "ORG", "PER"];

    /// <summary>Reads an IOB2 (UNER) or CoNLL file. UNER's OTH and stray B-O tags become O, CoNLL MISC becomes O, IOB1 is converted to IOB2.</summary>
    public static List<NerSentence> ReadTagged(string path, NerFileFormat format)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "file not found");
        var result = new List<NerSentence>();
        var words = new List<string>();
        var tags = new List<string>();
        int lineNo = 0, start = 0;
        bool newDoc = true;
        void Flush()
        {
            if (words.Count > 0)
            {
                var t = tags.ToArray();
                ToIob2(t);
                result.Add(new NerSentence([.. words], t, start, newDoc));
                newDoc = false;
            }
            words.Clear();
            tags.Clear();
        }
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.Trim().Length == 0) { Flush(); continue; }
            if (line.StartsWith('#'))
            {
                if (format == NerFileFormat.Iob2 || line.StartsWith("# ", StringComparison.Ordinal))
                {
                    if (line.StartsWith("# newdoc", StringComparison.Ordinal)) { Flush(); newDoc = true; }
                    continue;
                }
            }
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal)) { Flush(); newDoc = true; continue; }
            string word, tag;
            if (format == NerFileFormat.Iob2)
            {
                var cols = line.Split('\t');
                if (cols.Length < 3) throw new SitrepInputException(path, $"expected at least 3 tab-separated columns (id, token, tag), found {cols.Length}", lineNo);
                if (!int.TryParse(cols[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    throw new SitrepInputException(path, $"bad token id '{cols[0]}'", lineNo);
                word = cols[1];
                tag = cols[2];
            }
            else
            {
                var cols = line.Split(line.Contains('\t') ? '\t' : ' ', StringSplitOptions.RemoveEmptyEntries);
                if (cols.Length < 2) throw new SitrepInputException(path, "expected a token and a tag", lineNo);
                word = cols[0];
                tag = cols[^1];
            }
            if (words.Count == 0) start = lineNo;
            words.Add(word);
            tags.Add(MapTag(tag, path, lineNo));
        }
        Flush();
        return result;
    }

    /// <summary>Maps one corpus tag onto O or B-/I- PER, ORG, LOC.</summary>
    internal static string MapTag(string tag, string path, int line)
    {
        if (tag == "O") return "O";
        if (tag.Length < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I' && tag[0] != 'E' && tag[0] != 'S' && tag[0] != 'L' && tag[0] != 'U'))
            throw new SitrepInputException(path, $"bad tag '{tag}' (expected O, B-TYPE or I-TYPE)", line);
        string type = tag[2..] switch
        {
            "PER" or "PERSON" => "PER",
            "ORG" or "ORGANIZATION" => "ORG",
            "LOC" or "LOCATION" or "GPE" or "FAC" => "LOC",
            _ => "",
        };
        if (type.Length == 0) return "O";
        char p = tag[0] is 'B' or 'S' or 'U' ? 'B' : 'I';
        return p + "-" + type;
    }

    /// <summary>Turns IOB1 (I- starting an entity) into IOB2 in place; IOB2 input is unchanged.</summary>
    internal static void ToIob2(string[] tags)
    {
        for (int i = 0; i < tags.Length; i++)
        {
            if (tags[i][0] != 'I') continue;
            string prev = i > 0 ? tags[i - 1] : "O";
            if (prev == "O" || prev.AsSpan(2).SequenceEqual(tags[i].AsSpan(2)) is false) tags[i] = "B" + tags[i][1..];
        }
    }

    /// <summary>
    /// The held-back dev slice of a corpus without a dev split (<paramref name="dev"/>: documents whose 0-based index is 4 mod 5,
    /// in file order) or its complement (the training part). Documents start at <see cref="NerSentence.NewDocument"/>.
    /// </summary>
    public static List<NerSentence> Slice(IReadOnlyList<NerSentence> sentences, bool dev)
    {
        var result = new List<NerSentence>();
        int doc = -1;
        foreach (var s in sentences)
        {
            if (s.NewDocument || doc < 0) doc++;
            if ((doc % 5 == 4) == dev) result.Add(result.Count == 0 || s.NewDocument ? s with { NewDocument = true } : s);
        }
        return result;
    }

    /// <summary>Genres of GUM whose texts are CC BY or CC BY-SA (see docs/entities.md); the others are not used.</summary>
    public static readonly string[] GumOpenGenres = ["news", "interview", "bio", "voyage", "academic", "court"];

    /// <summary>
    /// Named person/place/organization mentions of GUM CoNLL-U files: a mention counts when its words are all inside
    /// it, it is single-level in the bracket structure we keep, and its head words are proper nouns (first and last word PROPN).
    /// </summary>
    public static List<NerSentence> ReadGum(IEnumerable<string> files)
    {
        var result = new List<NerSentence>();
        foreach (var file in files)
        {
            bool first = true;
            foreach (var s in Conllu.ReadFile(file))
            {
                int n = s.Words.Count;
                var words = new string[n];
                var tags = new string[n];
                var pos = new Upos[n];
                for (int i = 0; i < n; i++) { words[i] = s.Words[i].Form; tags[i] = "O"; pos[i] = s.Words[i].UposTag; }
                var open = new List<(string Id, string Type, int Start)>();
                for (int i = 0; i < n; i++)
                {
                    var misc = s.Words[i].Misc;
                    if (misc is null) continue;
                    int at = misc.IndexOf("Entity=", StringComparison.Ordinal);
                    if (at < 0) continue;
                    int end = misc.IndexOf('|', at);
                    var value = misc.AsSpan(at + 7, (end < 0 ? misc.Length : end) - at - 7);
                    int k = 0;
                    while (k < value.Length)
                    {
                        if (value[k] == '(')
                        {
                            int j = k + 1;
                            while (j < value.Length && value[j] != '(' && value[j] != ')') j++;
                            var body = value[(k + 1)..j].ToString();
                            var parts = body.Split('-');
                            string id = parts[0], type = parts.Length > 1 ? parts[1] : "";
                            if (j < value.Length && value[j] == ')') { Close(id, type, i, i); j++; }
                            else open.Add((id, type, i));
                            k = j;
                        }
                        else if (value[k] == ')') { k++; }
                        else
                        {
                            int j = k;
                            while (j < value.Length && value[j] != ')' && value[j] != '(') j++;
                            string id = value[k..j].ToString();
                            for (int o = open.Count - 1; o >= 0; o--)
                                if (open[o].Id == id) { Close(id, open[o].Type, open[o].Start, i); open.RemoveAt(o); break; }
                            if (j < value.Length && value[j] == ')') j++;
                            k = j;
                        }
                    }
                }
                result.Add(new NerSentence(words, tags, s.LineNumber, first) { Pos = pos });
                first = false;

                void Close(string id, string type, int a, int b)
                {
                    string t = type switch { "person" => "PER", "organization" => "ORG", "place" => "LOC", _ => "" };
                    if (t.Length == 0) return;
                    // Named mentions only: proper-noun edges (a leading "the" is left outside, as CoNLL and UNER do).
                    while (a < b && (pos[a] == Upos.DET || pos[a] == Upos.PUNCT)) a++;
                    if (pos[a] != Upos.PROPN || pos[b] != Upos.PROPN) return;
                    for (int x = a; x <= b; x++) if (tags[x] != "O") return;
                    tags[a] = "B-" + t;
                    for (int x = a + 1; x <= b; x++) tags[x] = "I-" + t;
                }
            }
        }
        return result;
    }

    /// <summary>GUM document files of a split ("train", "dev", "test") and genres, read from splits.md beside the dep/ folder.</summary>
    public static List<string> GumFiles(string gumDirectory, string split, IReadOnlyCollection<string> genres)
    {
        var splitsPath = Path.Combine(gumDirectory, "splits.md");
        if (!File.Exists(splitsPath)) throw new SitrepInputException(splitsPath, "GUM splits.md not found");
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        string? section = null;
        foreach (var line in File.ReadLines(splitsPath))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) section = line[3..].Trim();
            else if (section is not null && line.TrimStart().StartsWith("* ", StringComparison.Ordinal)) listed[line.Trim()[2..].Trim()] = section;
        }
        var files = new List<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(gumDirectory, "dep"), "GUM_*.conllu"))
        {
            string doc = Path.GetFileNameWithoutExtension(f);
            string s = listed.GetValueOrDefault(doc, "train");
            var parts = doc.Split('_');
            if (s == split && parts.Length > 2 && genres.Contains(parts[1])) files.Add(f);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// re3d folders (documents.json + entities.json, character offsets): tokenized with Sitrep's tokenizer; Person,
    /// Organisation and Location spans that start with a capital letter become PER/ORG/LOC (descriptions such as
    /// "U.S. service members" and nationalities are left out to match the named-entity convention of UNER).
    /// </summary>
    public static List<NerSentence> ReadRe3d(string folder)
    {
        var docsPath = Path.Combine(folder, "documents.json");
        var entsPath = Path.Combine(folder, "entities.json");
        if (!File.Exists(docsPath) || !File.Exists(entsPath)) throw new SitrepInputException(folder, "re3d folder needs documents.json and entities.json");
        var spans = new Dictionary<string, List<(int Begin, int End, string Type)>>(StringComparer.Ordinal);
        int ln = 0;
        foreach (var line in File.ReadLines(entsPath))
        {
            ln++;
            if (line.Trim().Length == 0) continue;
            using var j = Parse(line, entsPath, ln);
            var r = j.RootElement;
            string doc = r.GetProperty("documentId").GetString() ?? "";
            string type = r.GetProperty("type").GetString() switch { "Person" => "PER", "Organisation" => "ORG", "Location" => "LOC", _ => "" };
            if (type.Length == 0) continue;
            if (!spans.TryGetValue(doc, out var list)) spans[doc] = list = [];
            list.Add((r.GetProperty("begin").GetInt32(), r.GetProperty("end").GetInt32(), type));
        }
        var result = new List<NerSentence>();
        var tokenizer = new Tokenizer();
        var splitter = new SentenceSplitter();
        ln = 0;
        var docs = new List<(string Id, string Text)>();
        foreach (var line in File.ReadLines(docsPath))
        {
            ln++;
            if (line.Trim().Length == 0) continue;
            using var j = Parse(line, docsPath, ln);
            docs.Add((j.RootElement.GetProperty("_id").GetString() ?? "", j.RootElement.GetProperty("text").GetString() ?? ""));
        }
        docs.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach (var (id, text) in docs)
        {
            var doc = new Document(text);
            tokenizer.Process(doc);
            splitter.Process(doc);
            var tags = new string[doc.TokenCount];
            Array.Fill(tags, "O");
            var list = spans.GetValueOrDefault(id) ?? [];
            list.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : b.End.CompareTo(a.End));
            foreach (var (begin, end, type) in list)
            {
                if (begin < 0 || end > text.Length || begin >= end || !char.IsUpper(text[begin])) continue;
                if (text.AsSpan(begin, end - begin).StartsWith("The ", StringComparison.Ordinal)) continue;
                int a = -1, b = -1;
                for (int t = 0; t < doc.TokenCount; t++)
                {
                    var tok = doc.Tokens[t];
                    if (tok.Start == begin) a = t;
                    if (tok.End == end) { b = t; break; }
                }
                if (a < 0 || b < a) continue;
                bool free = true;
                for (int t = a; t <= b; t++) if (tags[t] != "O") free = false;
                if (!free) continue;
                tags[a] = "B-" + type;
                for (int t = a + 1; t <= b; t++) tags[t] = "I-" + type;
            }
            bool first = true;
            foreach (var s in doc.Sentences)
            {
                var words = new string[s.TokenCount];
                for (int t = 0; t < words.Length; t++) words[t] = doc[s.TokenStart + t].Text.ToString();
                var st = tags.AsSpan(s.TokenStart, s.TokenCount).ToArray();
                ToIob2(st);
                result.Add(new NerSentence(words, st, 0, first));
                first = false;
            }
        }
        return result;
    }

    private static JsonDocument Parse(string line, string path, int lineNo)
    {
        try { return JsonDocument.Parse(line); }
        catch (JsonException e) { throw new SitrepInputException(path, "bad JSON: " + e.Message, lineNo); }
    }
}
