using System.Text;
using Sitrep.Learning;
using Sitrep.Text.Formats;

namespace Sitrep.Models.Tests;

/// <summary>A small generated treebank (our own toy grammar), so training tests need no external corpus.</summary>
internal static class SyntheticCorpus
{
    private static readonly string[] Dets = ["the", "a", "this"];
    private static readonly string[] Adjs = ["big", "small", "red", "old"];
    private static readonly (string Form, string Lemma, string Xpos)[] Nouns =
        [("army", "army", "NN"), ("city", "city", "NN"), ("dogs", "dog", "NNS"), ("cat", "cat", "NN"), ("rivers", "river", "NNS"), ("man", "man", "NN")];
    private static readonly (string Form, string Lemma)[] Verbs = [("saw", "see"), ("took", "take"), ("encircled", "encircle"), ("found", "find")];
    private static readonly string[] Adps = ["near", "in"];

    public static string Generate(int sentences, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var sb = new StringBuilder();
        for (int s = 0; s < sentences; s++)
        {
            var rows = new List<(string Form, string Lemma, string Upos, string Xpos, int Head, string Rel)>();
            // subject NP
            int subjStart = rows.Count;
            AddNp(rows, rng, out int subj);
            int verb = rows.Count;
            var v = Verbs[rng.Next(Verbs.Length)];
            rows.Add((v.Form, v.Lemma, "VERB", "VBD", -1, "root"));
            AddNp(rows, rng, out int obj);
            int? obl = null;
            if (rng.Next(2) == 0)
            {
                int adp = rows.Count;
                var a = Adps[rng.Next(Adps.Length)];
                rows.Add((a, a, "ADP", "IN", -2, "case"));
                AddNp(rows, rng, out int n);
                rows[adp] = rows[adp] with { Head = n };
                obl = n;
            }
            rows.Add((".", ".", "PUNCT", ".", verb, "punct"));
            rows[subj] = rows[subj] with { Head = verb, Rel = "nsubj" };
            rows[obj] = rows[obj] with { Head = verb, Rel = "obj" };
            if (obl is { } o) rows[o] = rows[o] with { Head = verb, Rel = "obl" };
            _ = subjStart;
            sb.Append("# sent_id = syn-").Append(s).Append('\n');
            for (int i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                bool last = i == rows.Count - 1, beforePunct = i == rows.Count - 2;
                sb.Append(i + 1).Append('\t').Append(r.Form).Append('\t').Append(r.Lemma).Append('\t').Append(r.Upos).Append('\t').Append(r.Xpos)
                  .Append("\t_\t").Append(r.Head < 0 ? 0 : r.Head + 1).Append('\t').Append(r.Rel).Append("\t_\t")
                  .Append(beforePunct ? "SpaceAfter=No" : "_").Append('\n');
                _ = last;
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static void AddNp(List<(string, string, string, string, int, string)> rows, DeterministicRandom rng, out int head)
    {
        int det = rows.Count;
        var d = Dets[rng.Next(Dets.Length)];
        rows.Add((d, d, "DET", "DT", -2, "det"));
        int? adj = null;
        if (rng.Next(2) == 0)
        {
            adj = rows.Count;
            var a = Adjs[rng.Next(Adjs.Length)];
            rows.Add((a, a, "ADJ", "JJ", -2, "amod"));
        }
        head = rows.Count;
        var n = Nouns[rng.Next(Nouns.Length)];
        rows.Add((n.Form, n.Lemma, "NOUN", n.Xpos, -2, "dep"));
        rows[det] = rows[det] with { Item5 = head };
        if (adj is { } a2) rows[a2] = rows[a2] with { Item5 = head };
    }

    public static List<ConlluSentence> Sentences(int count, ulong seed) =>
        [.. Conllu.Read(new StringReader(Generate(count, seed)), "synthetic.conllu")];
}
