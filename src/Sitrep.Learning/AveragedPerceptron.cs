namespace Sitrep.Learning;

/// <summary>
/// Training-time averaged perceptron over hashed features with sparse per-feature class rows
/// (most features only ever see a few classes). Not thread-safe; compile to a <see cref="WeightTable"/> to ship.
/// </summary>
public sealed class AveragedPerceptron
{
    private sealed class Row
    {
        public int[] Cls = new int[2];
        public float[] W = new float[2];
        public double[] Total = new double[2];
        public int[] Stamp = new int[2];
        public int N;
        public int Updates;

        public int Find(int c)
        {
            for (int i = 0; i < N; i++) if (Cls[i] == c) return i;
            return -1;
        }

        public int Add(int c, int now)
        {
            if (N == Cls.Length)
            {
                int size = N * 2;
                Array.Resize(ref Cls, size);
                Array.Resize(ref W, size);
                Array.Resize(ref Total, size);
                Array.Resize(ref Stamp, size);
            }
            Cls[N] = c;
            W[N] = 0;
            Total[N] = 0;
            Stamp[N] = now;
            return N++;
        }
    }

    private readonly Dictionary<ulong, Row> _rows = new(1 << 16);
    private int _instances;

    public AveragedPerceptron(int classCount)
    {
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount));
        ClassCount = classCount;
    }

    public int ClassCount { get; }
    public int FeatureCount => _rows.Count;

    /// <summary>Adds the current (not averaged) weights of <paramref name="features"/> to <paramref name="scores"/> (cleared first).</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        scores[..ClassCount].Clear();
        foreach (ulong f in features)
        {
            if (!_rows.TryGetValue(f, out var row)) continue;
            var cls = row.Cls;
            var w = row.W;
            for (int i = 0; i < row.N; i++) scores[cls[i]] += w[i];
        }
    }

    /// <summary>One training instance: counts it for averaging and, on a mistake, moves weights toward <paramref name="truth"/>.</summary>
    public void Update(ReadOnlySpan<ulong> features, int truth, int guess)
    {
        _instances++;
        if (truth == guess) return;
        foreach (ulong f in features)
        {
            if (!_rows.TryGetValue(f, out var row))
            {
                row = new Row();
                _rows.Add(f, row);
            }
            row.Updates++;
            Change(row, truth, 1f);
            Change(row, guess, -1f);
        }
    }

    /// <summary>Counts one training instance for averaging (structured updates call this once per example).</summary>
    public void Tick() => _instances++;

    /// <summary>Adds <paramref name="delta"/> to the weights of class <paramref name="cls"/> for every feature (structured perceptron updates).</summary>
    public void Adjust(ReadOnlySpan<ulong> features, int cls, float delta)
    {
        foreach (ulong f in features)
        {
            if (!_rows.TryGetValue(f, out var row))
            {
                row = new Row();
                _rows.Add(f, row);
            }
            row.Updates++;
            Change(row, cls, delta);
        }
    }

    private void Change(Row row, int c, float delta)
    {
        int i = row.Find(c);
        if (i < 0) i = row.Add(c, _instances);
        row.Total[i] += (double)(_instances - row.Stamp[i]) * row.W[i];
        row.Stamp[i] = _instances;
        row.W[i] += delta;
    }

    /// <summary>
    /// Averages the weights, prunes features updated fewer than <paramref name="minUpdates"/> times, quantizes
    /// to int16 with one scale, drops zero weights, and builds the run-time table. Does not change the trainer.
    /// </summary>
    public WeightTable Compile(int minUpdates = 1)
    {
        var keys = new List<ulong>(_rows.Count);
        double maxAbs = 0;
        int instances = Math.Max(_instances, 1);
        foreach (var (k, row) in _rows)
        {
            if (row.Updates < minUpdates) continue;
            keys.Add(k);
            for (int i = 0; i < row.N; i++) maxAbs = Math.Max(maxAbs, Math.Abs(Average(row, i, instances)));
        }
        return Build(keys, maxAbs, instances);
    }

    /// <summary>
    /// Compiles a table for one domain of a feature-augmented model (Daumé 2007): features for which <paramref name="isCopy"/>
    /// holds (domain copies) are not shipped, and each shipped feature's averaged weights get those of its copy
    /// <paramref name="companion"/>(key) added, when that copy exists. Pruning looks at the shared feature's update count.
    /// </summary>
    public WeightTable Compile(int minUpdates, Func<ulong, bool> isCopy, Func<ulong, ulong> companion)
    {
        var merged = new AveragedPerceptron(ClassCount);
        int instances = Math.Max(_instances, 1);
        var dense = new double[ClassCount];
        var touched = new bool[ClassCount];
        foreach (var (k, row) in _rows)
        {
            if (row.Updates < minUpdates || isCopy(k)) continue;
            Array.Clear(dense);
            Array.Clear(touched);
            for (int i = 0; i < row.N; i++) { dense[row.Cls[i]] += Average(row, i, instances); touched[row.Cls[i]] = true; }
            if (_rows.TryGetValue(companion(k), out var copy))
                for (int i = 0; i < copy.N; i++) { dense[copy.Cls[i]] += Average(copy, i, instances); touched[copy.Cls[i]] = true; }
            var m = new Row { Updates = row.Updates };
            for (int c = 0; c < ClassCount; c++)
            {
                if (!touched[c]) continue;
                int j = m.Add(c, 0);
                m.W[j] = (float)dense[c];
            }
            merged._rows.Add(k, m);
        }
        // The merged rows hold final averages: with one instance and no history, Average(row) = W.
        merged._instances = 0;
        return merged.Compile(minUpdates);
    }

    private WeightTable Build(List<ulong> keys, double maxAbs, int instances)
    {
        keys.Sort();
        double scale = maxAbs > 0 ? maxAbs / short.MaxValue : 1;
        var builder = new WeightTable.Builder(ClassCount, (float)scale);
        Span<int> packed = stackalloc int[ClassCount];
        var order = new int[ClassCount];
        foreach (ulong k in keys)
        {
            var row = _rows[k];
            int n = 0;
            for (int i = 0; i < row.N; i++)
            {
                int q = (int)Math.Round(Average(row, i, instances) / scale, MidpointRounding.ToEven);
                if (q != 0) order[n++] = i;
            }
            if (n == 0) continue;
            // Entries sorted by class for a stable byte layout.
            Array.Sort(order, 0, n, Comparer<int>.Create((a, b) => row.Cls[a].CompareTo(row.Cls[b])));
            for (int j = 0; j < n; j++)
            {
                int i = order[j];
                int q = (int)Math.Round(Average(row, i, instances) / scale, MidpointRounding.ToEven);
                packed[j] = WeightTable.Pack(row.Cls[i], q);
            }
            builder.Add(k, packed[..n]);
        }
        return builder.Build();
    }

    /// <summary>
    /// The smallest update-count threshold for <see cref="Compile"/> whose table fits in <paramref name="maxBytes"/>
    /// (an upper bound: it counts every class a feature ever touched, before zero weights are dropped).
    /// </summary>
    public int MinUpdatesForBudget(long maxBytes, int atLeast = 1)
    {
        var features = new SortedDictionary<int, (long Features, long Entries)>();
        foreach (var row in _rows.Values)
        {
            var (f, e) = features.GetValueOrDefault(row.Updates);
            features[row.Updates] = (f + 1, e + row.N);
        }
        long totalF = 0, totalE = 0;
        foreach (var (_, (f, e)) in features) { totalF += f; totalE += e; }
        int m = 1;
        foreach (var (updates, (f, e)) in features)
        {
            if (m >= atLeast && WeightTable.SerializedSize(totalF, totalE) <= maxBytes) break;
            totalF -= f;
            totalE -= e;
            m = updates + 1;
        }
        return Math.Max(m, atLeast);
    }

    private double Average(Row row, int i, int instances) =>
        (row.Total[i] + (double)(instances - row.Stamp[i]) * row.W[i]) / instances;
}
