using System.Globalization;
using System.Text;
using Sitrep.Text.Tokenization;

namespace Sitrep.Models;

/// <summary>
/// Builds <see cref="WordClusters"/> from unlabeled text: flat class-bigram clusterings (the exchange algorithm of
/// Kneser and Ney / Martin et al.: move each word to the class that most raises the likelihood of the class-bigram
/// model) at three granularities, and each word's case bucket (how often it is written lower case, capitalized or in
/// capitals when not first in its sentence). Deterministic: words are visited in frequency order, ties broken by
/// ordinal order.
/// </summary>
public sealed class WordClusterBuilder
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly List<long> _counts = [];
    private readonly List<int[]> _case = []; // lower, capitalized, all caps (not sentence-initial)
    private readonly List<int> _stream = [];
    private readonly Tokenizer _tokenizer = new();

    public long Tokens => _stream.Count;
    public int Vocabulary => _words.Count;

    /// <summary>Adds one sentence (or one line of text) as a word sequence; -1 separates sentences in the stream.</summary>
    public void AddSentence(IReadOnlyList<string> words)
    {
        if (words.Count == 0) return;
        for (int i = 0; i < words.Count; i++)
        {
            string w = words[i];
            if (w.Length == 0 || w.Length > 40) continue;
            string lower = w.ToLowerInvariant();
            if (!_ids.TryGetValue(lower, out int id))
            {
                id = _words.Count;
                _ids.Add(lower, id);
                _words.Add(lower);
                _counts.Add(0);
                _case.Add(new int[3]);
            }
            _counts[id]++;
            _stream.Add(id);
            if (i > 0 && char.IsLetter(w[0]) && !IsOpener(words[i - 1]))
            {
                int letters = 0, upper = 0;
                foreach (char c in w) if (char.IsLetter(c)) { letters++; if (char.IsUpper(c)) upper++; }
                _case[id][upper == 0 ? 0 : (upper == letters && letters > 1) ? 2 : char.IsUpper(w[0]) ? 1 : 0]++;
            }
        }
        _stream.Add(-1);

        static bool IsOpener(string prev) => prev is "." or "!" or "?" or ":" or "\"" or "``" or "''" or "-" or "--" or "*" or ">" or "(" or "...";
    }

    /// <summary>Adds raw text: paragraphs (split at blank lines) are tokenized and cut into sentences at . ! ?.</summary>
    public void AddText(string text)
    {
        var words = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var doc = new Document(paragraph.Replace('\n', ' '));
            _tokenizer.Process(doc);
            for (int i = 0; i < doc.TokenCount; i++)
            {
                string w = doc[i].Text.ToString();
                words.Add(w);
                if (w is "." or "!" or "?") { AddSentence(words); words.Clear(); }
            }
            AddSentence(words);
            words.Clear();
        }
    }

    /// <summary>Clusters words seen at least <paramref name="minCount"/> times and returns the TSV table.</summary>
    public string Build(int minCount, int[] classCounts, int iterations, Action<string>? progress = null)
    {
        if (classCounts.Length != 3) throw new ArgumentException("three granularities expected", nameof(classCounts));
        // Vocabulary: frequent words in frequency order (ties ordinal); rare words share one id.
        var order = new List<int>();
        for (int i = 0; i < _words.Count; i++) if (_counts[i] >= minCount) order.Add(i);
        order.Sort((a, b) => _counts[b] != _counts[a] ? _counts[b].CompareTo(_counts[a]) : string.CompareOrdinal(_words[a], _words[b]));
        int v = order.Count + 1, rare = order.Count;
        var map = new int[_words.Count];
        Array.Fill(map, rare);
        for (int i = 0; i < order.Count; i++) map[order[i]] = i;
        var stream = new int[_stream.Count];
        for (int i = 0; i < stream.Length; i++) stream[i] = _stream[i] < 0 ? -1 : map[_stream[i]];
        var graph = new BigramGraph(stream, v);
        progress?.Invoke($"clusters: {Tokens:N0} tokens, {order.Count:N0} words with count >= {minCount}, {graph.Bigrams:N0} bigram types");

        var classes = new int[3][];
        for (int g = 0; g < 3; g++)
        {
            classes[g] = Exchange(graph, classCounts[g], iterations, rare, progress);
        }
        var sb = new StringBuilder();
        sb.Append("# Sitrep word clusters, built by `sitrep data build-clusters` (exchange algorithm, class-bigram likelihood)\n");
        sb.Append(CultureInfo.InvariantCulture, $"# classes {classCounts[0]}/{classCounts[1]}/{classCounts[2]}, min count {minCount}, {iterations} iterations, {Tokens} tokens; see NAMES-LICENSE.md\n");
        sb.Append("# word\tsmall\tmid\tlarge\tcase (0 unknown, 1 lower, 2 mostly lower, 3 mixed, 4 capitalized, 5 capitals)\tcount\n");
        for (int i = 0; i < order.Count; i++)
        {
            int id = order[i];
            sb.Append(_words[id]).Append('\t')
              .Append(classes[0][i].ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(classes[1][i].ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(classes[2][i].ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(CaseBucket(_case[id]).ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(_counts[id].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    private static int CaseBucket(int[] c)
    {
        int n = c[0] + c[1] + c[2];
        if (n < 3) return 0;
        if (c[2] * 2 > n) return 5;
        double lower = (double)c[0] / n;
        return lower >= 0.95 ? 1 : lower >= 0.6 ? 2 : lower >= 0.1 ? 3 : 4;
    }

    /// <summary>Sparse word bigram counts, successors and predecessors per word.</summary>
    private sealed class BigramGraph
    {
        public readonly int[] SuccStart, Succ, PredStart, Pred;
        public readonly long[] SuccCount, PredCount, Unigram;
        public long Bigrams => Succ.Length;

        public BigramGraph(int[] stream, int v)
        {
            var pairs = new Dictionary<long, long>();
            Unigram = new long[v];
            for (int i = 0; i < stream.Length; i++)
            {
                if (stream[i] < 0) continue;
                Unigram[stream[i]]++;
                if (i + 1 < stream.Length && stream[i + 1] >= 0)
                {
                    long key = ((long)stream[i] << 32) | (uint)stream[i + 1];
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }
            }
            var keys = new List<long>(pairs.Keys);
            keys.Sort();
            SuccStart = new int[v + 1];
            PredStart = new int[v + 1];
            Succ = new int[keys.Count];
            SuccCount = new long[keys.Count];
            Pred = new int[keys.Count];
            PredCount = new long[keys.Count];
            foreach (long k in keys) { SuccStart[(int)(k >> 32) + 1]++; PredStart[(int)(uint)k + 1]++; }
            for (int i = 0; i < v; i++) { SuccStart[i + 1] += SuccStart[i]; PredStart[i + 1] += PredStart[i]; }
            var sFill = (int[])SuccStart.Clone();
            var pFill = (int[])PredStart.Clone();
            foreach (long k in keys)
            {
                int a = (int)(k >> 32), b = (int)(uint)k;
                long c = pairs[k];
                Succ[sFill[a]] = b; SuccCount[sFill[a]++] = c;
                Pred[pFill[b]] = a; PredCount[pFill[b]++] = c;
            }
        }
    }

    private static double F(long x) => x <= 0 ? 0 : x * Math.Log(x);

    private static int[] Exchange(BigramGraph g, int k, int iterations, int rare, Action<string>? progress)
    {
        int v = g.Unigram.Length;
        var cls = new int[v];
        for (int w = 0; w < v; w++) cls[w] = w < k - 1 ? w : k - 1;
        if (rare < v) cls[rare] = k - 1;
        var n2 = new long[(long)k * k];
        var n1 = new long[k];
        for (int a = 0; a < v; a++)
        {
            n1[cls[a]] += g.Unigram[a];
            for (int j = g.SuccStart[a]; j < g.SuccStart[a + 1]; j++) n2[(long)cls[a] * k + cls[g.Succ[j]]] += g.SuccCount[j];
        }
        var s = new long[k];
        var p = new long[k];
        var sList = new List<int>();
        var pList = new List<int>();
        for (int it = 1; it <= iterations; it++)
        {
            int moved = 0;
            for (int w = 0; w < v; w++)
            {
                if (w == rare) continue;
                long self = 0;
                sList.Clear(); pList.Clear();
                for (int j = g.SuccStart[w]; j < g.SuccStart[w + 1]; j++)
                {
                    int u = g.Succ[j];
                    if (u == w) { self += g.SuccCount[j]; continue; }
                    int c = cls[u];
                    if (s[c] == 0) sList.Add(c);
                    s[c] += g.SuccCount[j];
                }
                for (int j = g.PredStart[w]; j < g.PredStart[w + 1]; j++)
                {
                    int u = g.Pred[j];
                    if (u == w) continue;
                    int c = cls[u];
                    if (p[c] == 0) pList.Add(c);
                    p[c] += g.PredCount[j];
                }
                int from = cls[w];
                long nw = g.Unigram[w];
                // Remove w from its class.
                foreach (int c in sList) n2[(long)from * k + c] -= s[c];
                foreach (int c in pList) n2[(long)c * k + from] -= p[c];
                n2[(long)from * k + from] -= self;
                n1[from] -= nw;
                int best = from;
                double bestGain = double.NegativeInfinity;
                for (int c2 = 0; c2 < k; c2++)
                {
                    double gain = 0;
                    long row = (long)c2 * k;
                    foreach (int c in sList) if (c != c2) gain += F(n2[row + c] + s[c]) - F(n2[row + c]);
                    foreach (int c in pList) if (c != c2) gain += F(n2[(long)c * k + c2] + p[c]) - F(n2[(long)c * k + c2]);
                    long kk = n2[row + c2];
                    gain += F(kk + s[c2] + p[c2] + self) - F(kk);
                    gain -= 2 * (F(n1[c2] + nw) - F(n1[c2]));
                    if (gain > bestGain + 1e-9 || (c2 == from && gain >= bestGain - 1e-9)) { bestGain = gain; best = c2; }
                }
                if (best != from) moved++;
                foreach (int c in sList) n2[(long)best * k + c] += s[c];
                foreach (int c in pList) n2[(long)c * k + best] += p[c];
                n2[(long)best * k + best] += self;
                n1[best] += nw;
                cls[w] = best;
                foreach (int c in sList) s[c] = 0;
                foreach (int c in pList) p[c] = 0;
            }
            progress?.Invoke($"clusters k={k} iteration {it}: {moved:N0} words moved");
            if (moved == 0) break;
        }
        return cls;
    }
}
