using System.Buffers;
using System.Runtime.CompilerServices;
using Sitrep.Learning;

namespace Sitrep.Models;

/// <summary>A recognized name: tokens [Start, End) of the document and its model type (PER, ORG, LOC).</summary>
public readonly record struct NerSpan(int Start, int End, string Type);

/// <summary>
/// Named-entity tagger: beam-search (<see cref="NerBeam"/>, width <see cref="BeamSize"/>) structured averaged perceptron over
/// BILOU classes for PER/ORG/LOC, with transition constraints, word/shape/affix/POS/gazetteer features in a ±2 window, the two previous tags, a
/// document memory (the type a word was last tagged with earlier in the same document), word clusters and case
/// buckets learned from unlabeled text (<see cref="WordClusters"/>), how the word is written elsewhere in the
/// document, and a dev-tuned offset on the O score (<see cref="OutsideBias"/>). Writes one unlinked
/// <see cref="Entity"/> per mention; the entity linker refines types and clusters them. Immutable and thread-safe.
/// </summary>
public sealed class EntityRecognizer : IStage
{
    public const string ModelKind = "ner";
    public const string DefaultFileName = "en-ner.sitrep-model";
    /// <summary>Layer of raw (unlinked) entity mentions.</summary>
    public const string MentionsLayer = "entity-mentions";

    internal static readonly string[] Templates =
    [
        "bias", "w.lower", "w.form", "w.shape", "w.s2", "w.s3", "w.s4", "w.p2", "w.p3", "w.flags",
        "w-1.lower", "w-2.lower", "w+1.lower", "w+2.lower", "w-1.shape", "w+1.shape", "w-1.lower.w.lower", "w.lower.w+1.lower",
        "t-1", "t-1.t-2", "t-1.w.lower", "t-1.w.shape", "w.gaz", "w-1.gaz", "w+1.gaz", "w.gaz.w.flags",
        "w-1.shape.w.shape.w+1.shape", "w-1.s3", "w+1.s3", "w.shape.w+1.lower", "w-1.lower.w.shape", "mem", "mem.w.flags",
        "w.lower.w.flags", "w-2.gaz", "w+2.gaz",
        "w.pos", "w-1.pos", "w+1.pos", "w.pos.w.shape", "w-1.pos.w.pos", "w.pos.w+1.pos",
        "w.c64", "w.c250", "w.c1000", "w.case", "w.case.w.flags", "w-1.c250", "w+1.c250", "w-1.c1000", "w+1.c1000",
        "w.c1000.w.flags", "w-1.case", "w+1.case", "t-1.w.c250",
        "w.doc.w.flags", "w.doc.w.case", "w.gazbit*", "run.last?", "run.first?", "run.last.pos?", "run.first.pos?", 
    ];

    public static readonly ulong FeatureSetHash = FeatureHash.OfDescription("ner/2:" + string.Join(',', Templates) + "|bilou3|gaz|mem|clusters1|obias|doc1|beam1");

    internal const int MaxFeatures = 76;
    internal static readonly string[] Types = NerCorpus.ModelTypes;
    internal static int ClassCount => 1 + 4 * Types.Length;

    private readonly WeightTable _weights;
    private readonly int[] _tagScores;

    internal EntityRecognizer(WeightTable weights, NerGazetteer gazetteer, WordClusters clusters, bool usesPos, int outsideBias = 0, int beamSize = 1, bool runFeatures = false)
    {
        _runFeatures = runFeatures;
        ArgumentOutOfRangeException.ThrowIfLessThan(beamSize, 1);
        _tagScores = TableScorer.TagTable(weights);
        BeamSize = beamSize;
        OutsideBias = outsideBias;
        _weights = weights;
        Gazetteer = gazetteer;
        Clusters = clusters;
        UsesPos = usesPos;
        Requires = usesPos ? [Layers.Tokens, Layers.Sentences, Layers.Pos] : [Layers.Tokens, Layers.Sentences];
    }

    public string Name => "ner";
    public IReadOnlyList<string> Requires { get; }
    public IReadOnlyList<string> Produces { get; } = [MentionsLayer];
    public bool UsesPos { get; }
    private readonly bool _runFeatures;
    /// <summary>Whether the capitalized-run head features are used (bit 2 of <see cref="FeatureMask"/>).</summary>
    public bool UsesRunFeatures => _runFeatures;
    /// <summary>Optional feature groups: <see cref="PosFeatures"/> | <see cref="RunFeatures"/>.</summary>
    internal int FeatureMask => (UsesPos ? PosFeatures : 0) | (_runFeatures ? RunFeatures : 0);
    internal const int PosFeatures = 1, RunFeatures = 2;
    public NerGazetteer Gazetteer { get; }
    public WordClusters Clusters { get; }
    /// <summary>Subtracted from the O score before decoding (quantized weight units; tuned on dev after training to balance precision and recall).</summary>
    public int OutsideBias { get; }
    /// <summary>Beam width of decoding (1 = greedy); the model is trained with the same width.</summary>
    public int BeamSize { get; }
    internal WeightTable Weights => _weights;
    public ModelHeader? Header { get; private init; }

    public static string DefaultPath(string? modelDirectory = null) => Path.Combine(ModelLocator.ResolveDirectory(modelDirectory), DefaultFileName);

    public static EntityRecognizer Load(string path)
    {
        var (header, r) = ModelFile.Read(path, ModelKind, FeatureSetHash);
        var types = r.ReadStrings();
        if (types.Length != Types.Length || !types.AsSpan().SequenceEqual(Types)) throw r.Corrupt("entity type list does not match this build");
        int mask = r.ReadInt32();
        if ((mask & ~(PosFeatures | RunFeatures)) != 0) throw r.Corrupt("unknown feature groups");
        bool usesPos = (mask & PosFeatures) != 0;
        var weights = WeightTable.ReadFrom(r);
        if (weights.ClassCount != ClassCount) throw r.Corrupt("class count mismatch");
        var gaz = NerGazetteer.ReadFrom(r);
        var clusters = WordClusters.ReadFrom(r);
        int outsideBias = r.ReadInt32();
        int beamSize = r.ReadInt32();
        if (beamSize < 1 || beamSize > 64) throw r.Corrupt("bad beam width");
        if (!r.AtEnd) throw r.Corrupt("trailing bytes after the model payload");
        return new EntityRecognizer(weights, gaz, clusters, usesPos, outsideBias, beamSize, (mask & RunFeatures) != 0) { Header = header };
    }

    internal void WritePayload(ModelWriter w)
    {
        w.WriteStrings(Types);
        w.WriteInt32(FeatureMask);
        _weights.WriteTo(w);
        Gazetteer.WriteTo(w);
        Clusters.WriteTo(w);
        w.WriteInt32(OutsideBias);
        w.WriteInt32(BeamSize);
    }

    /// <summary>This recognizer decoding with another beam width (the weights were trained for <see cref="BeamSize"/>).</summary>
    public EntityRecognizer WithBeamSize(int beamSize) => new(_weights, Gazetteer, Clusters, UsesPos, OutsideBias, beamSize, _runFeatures) { Header = Header };

    /// <summary>This recognizer with another <see cref="OutsideBias"/>.</summary>
    internal EntityRecognizer WithOutsideBias(int bias) => new(_weights, Gazetteer, Clusters, UsesPos, bias, BeamSize, _runFeatures);

    public static EntityType ToEntityType(string modelType) => modelType switch
    {
        "PER" => EntityType.PERSON,
        "ORG" => EntityType.ORG,
        _ => EntityType.LOC,
    };

    public void Process(Document document)
    {
        var tokens = document.Tokens;
        int max = 1;
        foreach (var s in document.Sentences) max = Math.Max(max, s.TokenCount);
        var words = ArrayPool<NerWord>.Shared.Rent(max);
        var classes = ArrayPool<int>.Shared.Rent(max);
        var scratch = ArrayPool<ulong>.Shared.Rent(max);
        var marks = ArrayPool<int>.Shared.Rent(max);
        var memory = new Dictionary<ulong, int>();
        var docCase = new Dictionary<ulong, int>();
        var beam = new NerBeam(BeamSize);
        var buffer = new int[ClassCount];
        foreach (var s in document.Sentences)
        {
            var span = tokens.Slice(s.TokenStart, s.TokenCount);
            for (int i = 0; i < span.Length; i++)
            {
                var form = PosTagger.FormOf(document, in span[i]);
                int bits = NerWord.CaseBits(form, i == 0);
                if (bits == 0) continue;
                ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(docCase, FeatureHash.LowerChars(form), out _);
                slot |= bits;
            }
        }
        int id = document.Entities.Count;
        var found = new List<(int First, int End, int Type)>();
        try
        {
            foreach (var s in document.Sentences)
            {
                var span = tokens.Slice(s.TokenStart, s.TokenCount);
                int upper = 0, cased = 0;
                for (int i = 0; i < span.Length; i++)
                {
                    var form = PosTagger.FormOf(document, in span[i]);
                    NerWord.Compute(form, i == 0, ref words[i]);
                    CountCase(form, ref upper, ref cased);
                    if (UsesPos) words[i].Pos = (int)span[i].Pos + 1;
                }
                var w = words.AsSpan(0, span.Length);
                Finish(w, upper, cased, scratch, marks);
                for (int i = 0; i < w.Length; i++) w[i].Doc = docCase.GetValueOrDefault(w[i].Lower);
                var c = classes.AsSpan(0, span.Length);
                Tag(w, c, memory, beam, buffer);
                int start = -1;
                for (int i = 0; i < c.Length; i++)
                {
                    int k = c[i];
                    if (k == 0) continue;
                    int pos = (k - 1) & 3;
                    if (pos == 0 || pos == 3) start = i;
                    if (pos == 2 || pos == 3) found.Add((s.TokenStart + start, s.TokenStart + i + 1, (k - 1) >> 2));
                }
            }
            Propagate(document, found);
            foreach (var (first, end, type) in found)
            {
                int a = tokens[first].Start, b = tokens[end - 1].End;
                string text = document.Text.Substring(a, b - a);
                document.Entities.Add(new Entity
                {
                    Id = "e" + (++id).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Type = ToEntityType(Types[type]),
                    Name = text,
                    Mentions = [new Mention(a, b, text)],
                });
            }
        }
        finally
        {
            ArrayPool<NerWord>.Shared.Return(words);
            ArrayPool<int>.Shared.Return(classes);
            ArrayPool<ulong>.Shared.Return(scratch);
            ArrayPool<int>.Shared.Return(marks);
        }
    }

    /// <summary>
    /// Label consistency within a document (as in Krishnan and Manning 2006, here as a rule after decoding): a name the
    /// recognizer tagged with several types takes the type most of its mentions have; a name it tagged somewhere
    /// (capitalized, with one type in the document), the surname of a tagged full name, and an acronym defined in
    /// parentheses right after a tagged organisation or place, are also names where the same
    /// words stand untagged elsewhere in the document, unless they are part of a longer capitalized run, and in sentences
    /// written all in lower case whatever their case. UNER EWT dev F1 0.7385 → 0.7491, news dev 0.6813 → 0.6919. Spans
    /// are token index ranges.
    /// </summary>
    internal static void Propagate(Document document, List<(int First, int End, int Type)> found)
    {
        if (found.Count == 0) return;
        var tokens = document.Tokens;
        var text = document.Text;
        ExtendToFullNames(document, found);
        var names = new string[found.Count];
        var votes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        int longest = 0;
        for (int f = 0; f < found.Count; f++)
        {
            var (first, end, type) = found[f];
            names[f] = text[tokens[first].Start..tokens[end - 1].End];
            if (names[f].Length == 0 || !char.IsUpper(names[f][0])) continue;
            if (!votes.TryGetValue(names[f], out var v)) votes[names[f]] = v = new int[Types.Length];
            v[type]++;
            longest = Math.Max(longest, end - first);
        }
        if (votes.Count == 0) return;
        // name -> the type most of its mentions have, or -1 when two types tie.
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, v) in votes)
        {
            int best = 0;
            for (int k = 1; k < v.Length; k++) if (v[k] > v[best]) best = k;
            bool strict = true;
            for (int k = 0; k < v.Length; k++) if (k != best && v[k] >= v[best]) strict = false;
            types[name] = strict ? best : -1;
        }
        for (int f = 0; f < found.Count; f++)
        {
            var (first, end, type) = found[f];
            if (types.TryGetValue(names[f], out int t) && t >= 0 && t != type) found[f] = (first, end, t);
            // "Ashton Carter" … "Carter said": the surname of a full name is that person too.
            if (Types[type] == "PER" && end - first >= 2)
            {
                string last = text[tokens[end - 1].Start..tokens[end - 1].End];
                if (last.Length > 1 && char.IsUpper(last[0])) types.TryAdd(last, type);
            }
            // "the Islamic State in Iraq and Syria (ISIS)": an acronym defined right after a name is that name.
            if (Types[type] != "PER" && end + 2 < tokens.Length
                && text.AsSpan(tokens[end].Start, tokens[end].Length) is "(" && text.AsSpan(tokens[end + 2].Start, tokens[end + 2].Length) is ")"
                && text.Substring(tokens[end + 1].Start, tokens[end + 1].Length) is var acronym && IsAcronymOf(acronym, text, tokens.Slice(first, end - first)))
                types.TryAdd(acronym, type);
        }
        var lookup = types.GetAlternateLookup<ReadOnlySpan<char>>();
        // In a sentence written all in lower case ("went to del frisco 's again"), names of four letters or more match whatever their case.
        var lowered = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, t) in types) if (name.Length >= 4) lowered[name] = lowered.TryGetValue(name, out int o) && o != t ? -1 : t;
        var lowerLookup = lowered.GetAlternateLookup<ReadOnlySpan<char>>();
        var tagged = new bool[tokens.Length];
        foreach (var (first, end, _) in found) for (int i = first; i < end; i++) tagged[i] = true;
        var added = new List<(int First, int End, int Type)>();
        foreach (var s in document.Sentences)
        {
            bool allLower = !text.AsSpan(s.Start, s.End - s.Start).ContainsAnyInRange('A', 'Z');
            for (int i = s.TokenStart; i < s.TokenEnd; i++)
            {
                if (tagged[i] || !allLower && !char.IsUpper(text[tokens[i].Start])) continue;
                // Longest known name starting here, over untagged words of this sentence only.
                for (int n = Math.Min(longest, s.TokenEnd - i); n >= 1; n--)
                {
                    bool free = true;
                    for (int j = i; j < i + n && free; j++) free = !tagged[j];
                    if (!free) continue;
                    // Not part of a longer capitalized run ("Google" inside "Google Maps").
                    if (!allLower && i + n < s.TokenEnd && IsCapitalized(text, tokens[i + n])) continue;
                    if (!allLower && i > s.TokenStart && IsCapitalized(text, tokens[i - 1]) && (tokens[i - 1].Flags & TokenFlags.SentenceStart) == 0) continue;
                    var name = text.AsSpan(tokens[i].Start, tokens[i + n - 1].End - tokens[i].Start);
                    if (!(allLower ? lowerLookup : lookup).TryGetValue(name, out int type) || type < 0) continue;
                    added.Add((i, i + n, type));
                    for (int j = i; j < i + n; j++) tagged[j] = true;
                    i += n - 1;
                    break;
                }
            }
        }
        if (added.Count == 0) return;
        found.AddRange(added);
        found.Sort();
    }

    /// <summary>
    /// "the National Institute for Disaster Management … the National Institute for Disaster Management said": a mention
    /// cut short ("National Institute") whose words go on exactly as a longer name tagged elsewhere in the document is that
    /// longer name, with its type, unless the continuation overlaps another mention or leaves the sentence.
    /// </summary>
    private static void ExtendToFullNames(Document document, List<(int First, int End, int Type)> found)
    {
        var tokens = document.Tokens;
        var text = document.Text;
        bool changed = false;
        for (int f = 0; f < found.Count; f++)
        {
            var (first, end, _) = found[f];
            int limit = f + 1 < found.Count ? found[f + 1].First : tokens.Length;
            int si = document.SentenceOfToken(first);
            int sentenceEnd = si >= 0 ? document.Sentences[si].TokenEnd : end;
            limit = Math.Min(limit, sentenceEnd);
            int bestEnd = end, bestType = -1;
            foreach (var (gFirst, gEnd, gType) in found)
            {
                int n = end - first, total = gEnd - gFirst;
                if (total <= n || first + total > limit || first + total <= bestEnd) continue;
                bool match = true;
                for (int k = 0; k < total && match; k++)
                    match = text.AsSpan(tokens[first + k].Start, tokens[first + k].Length).SequenceEqual(text.AsSpan(tokens[gFirst + k].Start, tokens[gFirst + k].Length));
                if (match) { bestEnd = first + total; bestType = gType; }
            }
            if (bestType < 0) continue;
            found[f] = (first, bestEnd, bestType);
            changed = true;
        }
        if (changed) found.Sort();
    }

    /// <summary>2–8 capitals (dots and lower case allowed in between) whose letters are the initials of the name's capitalized words, in order.</summary>
    private static bool IsAcronymOf(string acronym, string text, ReadOnlySpan<TokenData> name)
    {
        int caps = 0;
        foreach (char ch in acronym) if (char.IsUpper(ch)) caps++; else if (ch != '.' && !char.IsLower(ch)) return false;
        if (caps < 2 || caps > 8 || !char.IsUpper(acronym[0])) return false;
        int k = 0;
        foreach (ref readonly var t in name)
        {
            char first = text[t.Start];
            if (!char.IsUpper(first)) continue;
            while (k < acronym.Length && !char.IsUpper(acronym[k])) k++;
            if (k < acronym.Length && acronym[k] == first) k++;
        }
        while (k < acronym.Length && !char.IsUpper(acronym[k])) k++;
        return k == acronym.Length;
    }

    private static bool IsCapitalized(string text, in TokenData t) => t.Length > 0 && char.IsUpper(text[t.Start]);

    /// <summary>
    /// Tags one sentence given as words; <paramref name="memory"/> carries the document memory across sentences. The
    /// document-case feature sees only this sentence (<see cref="Process"/> sees the whole document).
    /// </summary>
    public List<NerSpan> Recognize(string[] words, Upos[]? pos, Dictionary<ulong, int> memory)
    {
        var w = new NerWord[words.Length];
        Prepare(words, pos, w, UsesPos);
        var docCase = new Dictionary<ulong, int>();
        for (int i = 0; i < words.Length; i++) docCase[w[i].Lower] = docCase.GetValueOrDefault(w[i].Lower) | NerWord.CaseBits(words[i], i == 0);
        for (int i = 0; i < words.Length; i++) w[i].Doc = docCase[w[i].Lower];
        var c = new int[words.Length];
        Tag(w, c, memory);
        return Decode(c);
    }

    internal void Prepare(string[] words, Upos[]? pos, Span<NerWord> w, bool usePos)
    {
        int upper = 0, cased = 0;
        for (int i = 0; i < words.Length; i++)
        {
            NerWord.Compute(words[i], i == 0, ref w[i]);
            CountCase(words[i], ref upper, ref cased);
            if (usePos && pos is not null) w[i].Pos = (int)pos[i] + 1;
        }
        Finish(w, upper, cased, new ulong[words.Length], new int[words.Length]);
    }

    private void Finish(Span<NerWord> w, int upper, int cased, ulong[] scratch, int[] marks)
    {
        NerWord.MarkUpperSentence(w, upper, cased);
        NerWord.MarkLowerSentence(w, upper, cased);
        if (_runFeatures) NerWord.MarkRuns(w);
        for (int i = 0; i < w.Length; i++) scratch[i] = w[i].Lower;
        Gazetteer.Mark(scratch.AsSpan(0, w.Length), marks.AsSpan(0, w.Length));
        for (int i = 0; i < w.Length; i++)
        {
            w[i].Gaz = marks[i];
            w[i].Cls = Clusters.Lookup(w[i].Lower);
        }
    }

    private static void CountCase(ReadOnlySpan<char> form, ref int upper, ref int cased)
    {
        foreach (char ch in form)
        {
            if (char.IsUpper(ch)) { upper++; cased++; }
            else if (char.IsLower(ch)) cased++;
        }
    }

    internal static List<NerSpan> Decode(ReadOnlySpan<int> classes)
    {
        var list = new List<NerSpan>();
        int start = -1;
        for (int i = 0; i < classes.Length; i++)
        {
            int k = classes[i];
            if (k == 0) continue;
            int pos = (k - 1) & 3;
            if (pos == 0 || pos == 3) start = i;
            if ((pos == 2 || pos == 3) && start >= 0) { list.Add(new NerSpan(start, i + 1, Types[(k - 1) >> 2])); start = -1; }
        }
        return list;
    }

    /// <summary>Spans of an IOB2 tag sequence (an I- tag that does not continue its type starts a span, as seqeval reads it).</summary>
    public static List<NerSpan> SpansOfIob2(string[] iob2)
    {
        var copy = (string[])iob2.Clone();
        NerCorpus.ToIob2(copy);
        return Decode(ToClasses(copy));
    }

    /// <summary>BILOU class ids from IOB2 tags over <see cref="Types"/>: 0 = O, 1 + 4·type + (B 0, I 1, L 2, U 3).</summary>
    internal static int[] ToClasses(string[] iob2)
    {
        var c = new int[iob2.Length];
        for (int i = 0; i < iob2.Length; i++)
        {
            string tag = iob2[i];
            if (tag == "O") continue;
            int t = Array.IndexOf(Types, tag[2..]);
            if (t < 0) continue;
            bool begins = tag[0] == 'B';
            bool ends = i + 1 >= iob2.Length || iob2[i + 1][0] != 'I' || iob2[i + 1].AsSpan(2).SequenceEqual(tag.AsSpan(2)) is false;
            c[i] = 1 + 4 * t + (begins ? (ends ? 3 : 0) : (ends ? 2 : 1));
        }
        return c;
    }

    /// <summary>Whether class <paramref name="c"/> may follow <paramref name="prev"/> (-1 = sentence start) under BILOU.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Allowed(int prev, int c, bool last)
    {
        if (prev > 0 && ((prev - 1) & 3) <= 1)
        {
            int t = (prev - 1) >> 2;
            return c == 3 + 4 * t || (!last && c == 2 + 4 * t);
        }
        if (c == 0) return true;
        int pos = (c - 1) & 3;
        return pos == 3 || (pos == 0 && !last);
    }

    internal static int BestAllowed(ReadOnlySpan<int> scores, int prev, bool last)
    {
        int best = -1;
        for (int c = 0; c < scores.Length; c++)
            if (Allowed(prev, c, last) && (best < 0 || scores[c] > scores[best])) best = c;
        return best;
    }

    internal static int BestAllowed(ReadOnlySpan<float> scores, int prev, bool last)
    {
        int best = -1;
        for (int c = 0; c < scores.Length; c++)
            if (Allowed(prev, c, last) && (best < 0 || scores[c] > scores[best])) best = c;
        return best;
    }

    internal void Tag(ReadOnlySpan<NerWord> words, Span<int> classes, Dictionary<ulong, int>? memory) =>
        Tag(words, classes, memory, new NerBeam(BeamSize), new int[ClassCount]);

    /// <summary>Beam-decodes one sentence (<paramref name="beam"/> and <paramref name="buffer"/> are scratch reused across sentences) and updates the document memory.</summary>
    internal void Tag(ReadOnlySpan<NerWord> words, Span<int> classes, Dictionary<ulong, int>? memory, NerBeam beam, int[] buffer)
    {
        beam.Decode(new TableScorer(_weights, buffer, OutsideBias, _tagScores), words, memory, FeatureMask, default, default, classes);
        if (memory is not null) Remember(words, classes, memory);
    }

    internal static void Remember(ReadOnlySpan<NerWord> words, ReadOnlySpan<int> classes, Dictionary<ulong, int> memory)
    {
        for (int i = 0; i < words.Length; i++)
            if (classes[i] > 0 && (words[i].Flags & 1) != 0) memory[words[i].Lower] = 1 + ((classes[i] - 1) >> 2);
    }

    /// <summary>
    /// The features of word <paramref name="i"/> that do not depend on the tag history (computed once per word, shared by
    /// every beam state). <paramref name="dropWord"/> leaves out the word-identity features (word dropout in training).
    /// </summary>
    internal static int Extract(ReadOnlySpan<NerWord> words, int i, int mem, int featureMask, bool dropWord, Span<ulong> f)
    {
        ref readonly var w = ref words[i];
        ref readonly var wm1 = ref NerWord.At(words, i - 1);
        ref readonly var wm2 = ref NerWord.At(words, i - 2);
        ref readonly var wp1 = ref NerWord.At(words, i + 1);
        ref readonly var wp2 = ref NerWord.At(words, i + 2);
        ulong flags = (ulong)w.Flags;
        int n = 0;
        f[n++] = FeatureHash.Of(0, 0);
        if (!dropWord)
        {
            f[n++] = FeatureHash.Of(1, w.Lower);
            f[n++] = FeatureHash.Of(2, w.Form);
            f[n++] = FeatureHash.Of(16, wm1.Lower, w.Lower);
            f[n++] = FeatureHash.Of(17, w.Lower, wp1.Lower);
            f[n++] = FeatureHash.Of(33, w.Lower, flags & 67);
        }
        f[n++] = FeatureHash.Of(3, w.Shape);
        f[n++] = FeatureHash.Of(4, w.S2);
        f[n++] = FeatureHash.Of(5, w.S3);
        f[n++] = FeatureHash.Of(6, w.S4);
        f[n++] = FeatureHash.Of(7, w.P2);
        f[n++] = FeatureHash.Of(8, w.P3);
        f[n++] = FeatureHash.Of(9, flags);
        f[n++] = FeatureHash.Of(10, wm1.Lower);
        f[n++] = FeatureHash.Of(11, wm2.Lower);
        f[n++] = FeatureHash.Of(12, wp1.Lower);
        f[n++] = FeatureHash.Of(13, wp2.Lower);
        f[n++] = FeatureHash.Of(14, wm1.Shape);
        f[n++] = FeatureHash.Of(15, wp1.Shape);
        f[n++] = FeatureHash.Of(22, (ulong)(uint)w.Gaz);
        f[n++] = FeatureHash.Of(23, (ulong)(uint)wm1.Gaz);
        f[n++] = FeatureHash.Of(24, (ulong)(uint)wp1.Gaz);
        f[n++] = FeatureHash.Of(25, (ulong)(uint)w.Gaz, flags);
        f[n++] = FeatureHash.Of(26, wm1.Shape, w.Shape, wp1.Shape);
        f[n++] = FeatureHash.Of(27, wm1.S3);
        f[n++] = FeatureHash.Of(28, wp1.S3);
        f[n++] = FeatureHash.Of(29, w.Shape, wp1.Lower);
        f[n++] = FeatureHash.Of(30, wm1.Lower, w.Shape);
        f[n++] = FeatureHash.Of(31, (ulong)mem);
        f[n++] = FeatureHash.Of(32, (ulong)mem, flags);
        f[n++] = FeatureHash.Of(34, (ulong)(uint)wm2.Gaz);
        f[n++] = FeatureHash.Of(35, (ulong)(uint)wp2.Gaz);
        if ((featureMask & RunFeatures) != 0 && w.RunLast != 0)
        {
            // Head words of the capitalized run ("… Party", "Ministry of …"): organisation and place cues beyond the ±2 window.
            f[n++] = FeatureHash.Of(58, w.RunLast);
            f[n++] = FeatureHash.Of(59, w.RunFirst);
            f[n++] = FeatureHash.Of(60, w.RunLast, (ulong)(uint)w.RunPos);
            f[n++] = FeatureHash.Of(61, w.RunFirst, (ulong)(uint)w.RunPos);
        }
        if ((featureMask & PosFeatures) != 0)
        {
            f[n++] = FeatureHash.Of(36, (ulong)(uint)w.Pos);
            f[n++] = FeatureHash.Of(37, (ulong)(uint)wm1.Pos);
            f[n++] = FeatureHash.Of(38, (ulong)(uint)wp1.Pos);
            f[n++] = FeatureHash.Of(39, (ulong)(uint)w.Pos, w.Shape);
            f[n++] = FeatureHash.Of(40, (ulong)(uint)wm1.Pos, (ulong)(uint)w.Pos);
            f[n++] = FeatureHash.Of(41, (ulong)(uint)w.Pos, (ulong)(uint)wp1.Pos);
        }
        int cls = w.Cls, cm1 = wm1.Cls, cp1 = wp1.Cls;
        ulong wcase = (ulong)(uint)WordClusters.Case(cls);
        f[n++] = FeatureHash.Of(42, (ulong)(uint)WordClusters.Small(cls));
        f[n++] = FeatureHash.Of(43, (ulong)(uint)WordClusters.Mid(cls));
        f[n++] = FeatureHash.Of(44, (ulong)(uint)WordClusters.Large(cls));
        f[n++] = FeatureHash.Of(45, wcase);
        f[n++] = FeatureHash.Of(46, wcase, flags & 87);
        f[n++] = FeatureHash.Of(47, (ulong)(uint)WordClusters.Mid(cm1));
        f[n++] = FeatureHash.Of(48, (ulong)(uint)WordClusters.Mid(cp1));
        f[n++] = FeatureHash.Of(49, (ulong)(uint)WordClusters.Large(cm1));
        f[n++] = FeatureHash.Of(50, (ulong)(uint)WordClusters.Large(cp1));
        f[n++] = FeatureHash.Of(51, (ulong)(uint)WordClusters.Large(cls), flags & 67);
        f[n++] = FeatureHash.Of(52, (ulong)(uint)WordClusters.Case(cm1), (ulong)wm1.Flags & 3);
        f[n++] = FeatureHash.Of(53, (ulong)(uint)WordClusters.Case(cp1), (ulong)wp1.Flags & 3);
        f[n++] = FeatureHash.Of(55, (ulong)(uint)w.Doc, flags & 273);
        f[n++] = FeatureHash.Of(56, (ulong)(uint)w.Doc, wcase);
        // One feature per gazetteer category of the current word's match (with its B/I/L/U position), at most six.
        if (w.Gaz > 0)
        {
            int mask = w.Gaz >> 2, posBits = w.Gaz & 3, k = 0;
            while (mask != 0 && k < 6)
            {
                int bit = System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                f[n++] = FeatureHash.Of(57, (ulong)bit, (ulong)posBits);
                k++;
            }
        }
        return n;
    }

    /// <summary>The word-dependent features of the previous tag (<see cref="ExtractHistory"/> without t-1 and t-1·t-2, which are scored from a dense table).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ExtractPreviousTag(ReadOnlySpan<NerWord> words, int i, int p1, bool dropWord, Span<ulong> f)
    {
        ref readonly var w = ref words[i];
        ulong t1 = (ulong)(p1 + 1000);
        int n = 0;
        if (!dropWord) f[n++] = FeatureHash.Of(20, t1, w.Lower);
        f[n++] = FeatureHash.Of(21, t1, w.Shape);
        f[n++] = FeatureHash.Of(54, t1, (ulong)(uint)WordClusters.Mid(w.Cls));
        return n;
    }

    /// <summary>The tag-pair feature (t-1·t-2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong TagPairFeature(int p1, int p2) => FeatureHash.Of(19, (ulong)(p1 + 1000), (ulong)(p2 + 1000));

    /// <summary>Number of features <see cref="ExtractHistory"/> writes at most.</summary>
    internal const int MaxHistoryFeatures = 5;

    /// <summary>The features of word <paramref name="i"/> that depend on the two previous tags (-1/-2 before the sentence).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ExtractHistory(ReadOnlySpan<NerWord> words, int i, int p1, int p2, bool dropWord, Span<ulong> f)
    {
        ref readonly var w = ref words[i];
        ulong t1 = (ulong)(p1 + 1000), t2 = (ulong)(p2 + 1000);
        int n = 0;
        f[n++] = FeatureHash.Of(18, t1);
        f[n++] = FeatureHash.Of(19, t1, t2);
        if (!dropWord) f[n++] = FeatureHash.Of(20, t1, w.Lower);
        f[n++] = FeatureHash.Of(21, t1, w.Shape);
        f[n++] = FeatureHash.Of(54, t1, (ulong)(uint)WordClusters.Mid(w.Cls));
        return n;
    }
}
