namespace Sitrep.Models.Tests;

public sealed class ParserMechanicsTests
{
    [Fact]
    public void Pseudo_projective_lifting_round_trips_a_non_projective_tree()
    {
        // "A hearing is scheduled on the issue today": 'on' phrase (5) attaches to 'hearing' (1) across 'scheduled'.
        // words: 0 A, 1 hearing, 2 is, 3 scheduled, 4 on, 5 issue, 6 today; root = 7
        int[] gold = [1, 3, 3, 7, 5, 1, 3];
        string[] goldLabels = ["det", "nsubj:pass", "aux:pass", "root", "case", "nmod", "obl:tmod"];
        var heads = (int[])gold.Clone();
        var labels = (string[])goldLabels.Clone();
        Assert.False(PseudoProjective.IsProjectiveArc(heads, 5));
        int lifts = PseudoProjective.Projectivize(heads, labels);
        Assert.Equal(1, lifts);
        Assert.Equal(3, heads[5]);
        Assert.Equal("nmod|nsubj:pass", labels[5]);
        for (int d = 0; d < heads.Length; d++) Assert.True(PseudoProjective.IsProjectiveArc(heads, d));
        PseudoProjective.Deprojectivize(heads, labels);
        Assert.Equal(gold, heads);
        Assert.Equal(goldLabels, labels);
    }

    [Fact]
    public void Following_zero_cost_transitions_rebuilds_the_gold_tree()
    {
        // The dog that I saw barked loudly . (projective)
        int[] gold = [1, 5, 4, 4, 1, 8, 5, 5];
        gold[5] = 8; // 'barked' is the root (n = 8)
        int n = gold.Length;
        var st = new ParserState(n);
        st.Reset(n);
        int steps = 0;
        while (!st.IsTerminal)
        {
            int action;
            if (st.CanShift && DependencyParserTrainer.CostShift(st, gold) == 0) action = 0;
            else if (st.CanLeft && DependencyParserTrainer.CostLeft(st, gold) == 0) action = 1;
            else if (st.CanRight && DependencyParserTrainer.CostRight(st, gold) == 0) action = 2;
            else throw new Xunit.Sdk.XunitException("no zero-cost transition");
            // Prefer an arc when it is correct (shift first would still be zero cost only when it keeps every arc).
            if (action == 0 && st.CanLeft && DependencyParserTrainer.CostLeft(st, gold) == 0 && gold[st.Stack(0)] == st.B) action = 1;
            st.Apply(action);
            Assert.True(++steps <= 2 * n, "too many transitions");
        }
        for (int i = 0; i < n; i++) Assert.Equal(gold[i], st.Heads[i]);
    }
}
