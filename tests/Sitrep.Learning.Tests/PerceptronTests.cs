using Sitrep.Learning;

namespace Sitrep.Learning.Tests;

public sealed class PerceptronTests
{
    // Toy problem: class = index of the "word" feature mod 3, with a noisy shared bias feature.
    private static (ulong[] Feats, int Gold)[] Data()
    {
        var rng = new DeterministicRandom(7);
        var data = new (ulong[], int)[300];
        for (int i = 0; i < data.Length; i++)
        {
            int w = rng.Next(30);
            data[i] = ([FeatureHash.Of(0, 0), FeatureHash.Of(1, (ulong)w), FeatureHash.Of(2, (ulong)rng.Next(5))], w % 3);
        }
        return data;
    }

    private static WeightTable Train()
    {
        var p = new AveragedPerceptron(3);
        var scores = new float[3];
        var data = Data();
        for (int epoch = 0; epoch < 5; epoch++)
            foreach (var (f, gold) in data)
            {
                p.Score(f, scores);
                int guess = 0;
                for (int c = 1; c < 3; c++) if (scores[c] > scores[guess]) guess = c;
                p.Update(f, gold, guess);
            }
        return p.Compile();
    }

    [Fact]
    public void Learns_a_separable_problem_and_scores_after_quantization()
    {
        var table = Train();
        Span<int> scores = stackalloc int[3];
        int ok = 0;
        foreach (var (f, gold) in Data())
        {
            table.Score(f, scores);
            int guess = 0;
            for (int c = 1; c < 3; c++) if (scores[c] > scores[guess]) guess = c;
            if (guess == gold) ok++;
        }
        Assert.Equal(300, ok);
    }

    [Fact]
    public void Weight_table_round_trips_through_the_payload()
    {
        var table = Train();
        var w = new ModelWriter();
        table.WriteTo(w);
        var bytes = w.WrittenSpan.ToArray();
        var back = WeightTable.ReadFrom(new ModelReader(bytes, 0, bytes.Length, "t"));
        Assert.Equal(table.FeatureCount, back.FeatureCount);
        Span<int> a = stackalloc int[3], b = stackalloc int[3];
        foreach (var (f, _) in Data())
        {
            table.Score(f, a);
            back.Score(f, b);
            Assert.True(a.SequenceEqual(b));
        }
    }

    [Fact]
    public void A_weight_table_refuses_classes_it_does_not_have_and_scores_too_short()
    {
        var builder = new WeightTable.Builder(3, 1f);
        Assert.Throws<ArgumentException>(() => builder.Add(7, [WeightTable.Pack(3, 10)]));
        builder.Add(7, [WeightTable.Pack(2, 10)]);
        var table = builder.Build();
        var scores = new int[3];
        table.Score([7UL], scores);
        Assert.Equal([0, 0, 10], scores);
        Assert.Throws<ArgumentException>(() => table.AddScores([7UL], new int[2]));
    }

    [Fact]
    public void Training_is_deterministic()
    {
        byte[] Bytes()
        {
            var w = new ModelWriter();
            Train().WriteTo(w);
            return w.WrittenSpan.ToArray();
        }
        Assert.Equal(Bytes(), Bytes());
    }

    [Fact]
    public void Feature_hash_depends_on_template_and_content_and_is_never_zero()
    {
        Assert.Equal(FeatureHash.Chars("abc"), FeatureHash.Chars("abc".AsSpan()));
        Assert.Equal(FeatureHash.LowerChars("ABC"), FeatureHash.Chars("abc"));
        Assert.NotEqual(FeatureHash.Of(1, 5), FeatureHash.Of(2, 5));
        Assert.NotEqual(FeatureHash.Of(1, 5, 6), FeatureHash.Of(1, 6, 5));
        for (ulong i = 0; i < 1000; i++) Assert.NotEqual(0UL, FeatureHash.Of(3, i));
    }

    [Fact]
    public void Hash_index_finds_only_stored_keys()
    {
        var idx = HashIndex.Build([new(10, 1), new(20, 2), new(30, 3)]);
        Assert.True(idx.TryGet(20, out int v));
        Assert.Equal(2, v);
        Assert.False(idx.TryGet(25, out _));
        Assert.Equal(3, idx.Count);
    }

    [Fact]
    public void Deterministic_random_repeats_for_a_seed()
    {
        var a = new DeterministicRandom(5);
        var b = new DeterministicRandom(5);
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void Dense_rows_score_like_sparse_rows_and_are_not_written()
    {
        // 200 classes: rows with at least 50 entries get a dense SIMD copy on load; shorter rows stay sparse.
        const int classes = 200;
        var rng = new DeterministicRandom(3);
        var builder = new WeightTable.Builder(classes, 0.5f);
        var keys = new List<ulong>();
        var expected = new Dictionary<ulong, int[]>();
        for (int k = 1; k <= 40; k++)
        {
            ulong key = FeatureHash.Of(5, (ulong)k);
            int length = k % 2 == 0 ? 150 + k : 1 + k;
            var row = new int[classes];
            var packed = new List<int>();
            for (int c = 0; c < classes && packed.Count < length; c += 1 + (k % 2 == 0 ? 0 : 3))
            {
                int weight = rng.Next(2000) - 1000;
                if (weight == 0) continue;
                row[c] = weight;
                packed.Add(WeightTable.Pack(c, weight));
            }
            builder.Add(key, packed.ToArray());
            keys.Add(key);
            expected[key] = row;
        }
        var table = builder.Build();
        var w = new ModelWriter();
        table.WriteTo(w);
        var bytes = w.WrittenSpan.ToArray();
        var back = WeightTable.ReadFrom(new ModelReader(bytes, 0, bytes.Length, "t"));
        var again = new ModelWriter();
        back.WriteTo(again);
        Assert.Equal(bytes, again.WrittenSpan.ToArray());

        var scores = new int[classes];
        var want = new int[classes];
        for (int trial = 0; trial < 50; trial++)
        {
            var feats = new ulong[1 + rng.Next(20)];
            Array.Clear(want);
            for (int j = 0; j < feats.Length; j++)
            {
                feats[j] = j == 0 ? 12345 : keys[rng.Next(keys.Count)];
                if (expected.TryGetValue(feats[j], out var row)) for (int c = 0; c < classes; c++) want[c] += row[c];
            }
            foreach (var t in new[] { table, back })
            {
                t.Score(feats, scores);
                Assert.Equal(want, scores);
            }
        }
    }

    [Fact]
    public void Mean_of_tables_averages_weights_and_counts_missing_features_as_zero()
    {
        ulong shared = FeatureHash.Of(1, 1), onlyA = FeatureHash.Of(1, 2), onlyB = FeatureHash.Of(1, 3);
        var a = new WeightTable.Builder(3, 0.5f);
        a.Add(shared, [WeightTable.Pack(0, 100), WeightTable.Pack(2, -40)]);
        a.Add(onlyA, [WeightTable.Pack(1, 60)]);
        var b = new WeightTable.Builder(3, 0.25f);
        b.Add(shared, [WeightTable.Pack(0, 200), WeightTable.Pack(2, 80)]);
        b.Add(onlyB, [WeightTable.Pack(1, -120)]);
        var mean = WeightTable.Mean([a.Build(), b.Build()]);

        // Real weights: shared (50, 0, -20) and (50, 0, 20) -> (50, 0, 0); onlyA (0, 30, 0) / 2; onlyB (0, -30, 0) / 2.
        float[] Real(ulong key)
        {
            var s = new int[3];
            mean.Score([key], s);
            return [s[0] * mean.Scale, s[1] * mean.Scale, s[2] * mean.Scale];
        }
        Assert.Equal([50f, 0f, 0f], Real(shared), (x, y) => Math.Abs(x - y) < 0.01f);
        Assert.Equal([0f, 15f, 0f], Real(onlyA), (x, y) => Math.Abs(x - y) < 0.01f);
        Assert.Equal([0f, -15f, 0f], Real(onlyB), (x, y) => Math.Abs(x - y) < 0.01f);
        Assert.Equal(3, mean.FeatureCount);
        Assert.Throws<ArgumentException>(() => WeightTable.Mean([a.Build(), new WeightTable.Builder(4, 1f).Build()]));
    }
}
