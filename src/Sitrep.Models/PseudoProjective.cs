namespace Sitrep.Models;

/// <summary>
/// Pseudo-projective transformation (Nivre and Nilsson 2005, "head" label encoding): non-projective arcs are
/// lifted to the grandparent until the tree is projective, and the lifted word's label becomes
/// "label|headlabel" (the label of its original head). Deprojectivization searches the new head's subtree,
/// breadth-first and left to right, for a word whose label is "headlabel" and reattaches there.
/// Heads are word indices, with <c>n</c> (the sentence length) meaning the root.
/// </summary>
public static class PseudoProjective
{
    public const char Marker = '|';

    public static bool IsProjectiveArc(ReadOnlySpan<int> heads, int dependent)
    {
        int n = heads.Length;
        int h = heads[dependent];
        if (h == n) h = -1; // root sits left of everything
        int lo = Math.Min(h, dependent), hi = Math.Max(h, dependent);
        for (int k = lo + 1; k < hi; k++)
        {
            // k must be dominated by h
            int a = k;
            while (a != n && a != h && a >= 0) a = heads[a];
            if (h == -1 ? a != n : a != h) return false;
        }
        return true;
    }

    /// <summary>Lifts non-projective arcs in place; returns the number of lifts.</summary>
    public static int Projectivize(int[] heads, string[] labels)
    {
        int n = heads.Length;
        int lifts = 0;
        var originalHeadLabel = new string?[n];
        while (true)
        {
            int pick = -1, pickLength = int.MaxValue;
            for (int d = 0; d < n; d++)
            {
                if (heads[d] == n || IsProjectiveArc(heads, d)) continue;
                int len = Math.Abs(heads[d] - d);
                if (len < pickLength) { pick = d; pickLength = len; }
            }
            if (pick < 0) break;
            int h = heads[pick];
            originalHeadLabel[pick] ??= labels[h];
            heads[pick] = heads[h];
            lifts++;
            if (lifts > n * n) throw new InvalidOperationException("projectivization did not converge");
        }
        for (int d = 0; d < n; d++)
            if (originalHeadLabel[d] is { } hl) labels[d] = labels[d] + Marker + BaseLabel(hl);
        return lifts;
    }

    public static string BaseLabel(string label)
    {
        int i = label.IndexOf(Marker);
        return i < 0 ? label : label[..i];
    }

    /// <summary>Reattaches words with encoded labels and strips the encoding, in place.</summary>
    public static void Deprojectivize(int[] heads, string[] labels)
    {
        int n = heads.Length;
        var queue = new Queue<int>();
        for (int d = 0; d < n; d++)
        {
            int bar = labels[d].IndexOf(Marker);
            if (bar < 0) continue;
            var want = labels[d].AsSpan(bar + 1);
            int found = -1;
            int start = heads[d];
            queue.Clear();
            // BFS over the subtree of the current head, skipping d's own subtree.
            for (int c = 0; c < n; c++) if (heads[c] == start && c != d) queue.Enqueue(c);
            while (queue.Count > 0 && found < 0)
            {
                int x = queue.Dequeue();
                if (BaseLabelSpan(labels[x]).SequenceEqual(want)) { found = x; break; }
                for (int c = 0; c < n; c++) if (heads[c] == x && c != d) queue.Enqueue(c);
            }
            labels[d] = labels[d][..bar];
            if (found >= 0) heads[d] = found;
        }
    }

    private static ReadOnlySpan<char> BaseLabelSpan(string label)
    {
        int i = label.IndexOf(Marker);
        return i < 0 ? label : label.AsSpan(0, i);
    }
}
