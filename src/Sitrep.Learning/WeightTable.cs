using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sitrep.Learning;

/// <summary>
/// Run-time weights: an open-addressing (linear probing) table from 64-bit feature key to a row of
/// (class, int16 weight) entries. Immutable and thread-safe; scores are integer sums (the common scale
/// does not change the argmax).
/// </summary>
public sealed class WeightTable
{
    [StructLayout(LayoutKind.Sequential)]
    public struct Slot
    {
        public ulong Key;
        public int Start;
        /// <summary>Low 16 bits: row length in entries; high 16 bits: 1 + index of the row's dense copy, or 0.</summary>
        public int Count;
    }

    private readonly Slot[] _slots;
    private readonly int[] _entries;
    private readonly int _mask;

    /// <summary>Long rows (many classes) are also kept as dense int16 vectors, added with SIMD; built on load, not stored.</summary>
    private readonly short[] _dense;
    private readonly int _denseStride;

    private WeightTable(int classCount, float scale, Slot[] slots, int[] entries, int featureCount)
    {
        ClassCount = classCount;
        Scale = scale;
        _slots = slots;
        _entries = entries;
        _mask = slots.Length - 1;
        FeatureCount = featureCount;
        _denseStride = (classCount + 15) & ~15;
        _dense = BuildDense(slots, entries, classCount, _denseStride);
    }

    private static short[] BuildDense(Slot[] slots, int[] entries, int classCount, int stride)
    {
        if (classCount < 48 || !Vector256.IsHardwareAccelerated) return [];
        int threshold = classCount / 4;
        int n = 0;
        foreach (ref readonly var s in slots.AsSpan()) if (s.Key != 0 && s.Count >= threshold) n++;
        n = Math.Min(n, ushort.MaxValue);
        var dense = new short[(long)n * stride];
        int d = 0;
        for (int i = 0; i < slots.Length && d < n; i++)
        {
            ref var s = ref slots[i];
            if (s.Key == 0 || s.Count < threshold) continue;
            int end = s.Start + s.Count;
            for (int e = s.Start; e < end; e++) dense[d * stride + (entries[e] >>> 16)] = (short)entries[e];
            s.Count |= ++d << 16;
        }
        return dense;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddRow(int start, int meta, Span<int> scores)
    {
        int dense = meta >>> 16;
        if (dense != 0)
        {
            AddDense(dense - 1, scores);
            return;
        }
        // Unchecked: ReadFrom and the builder check every class against ClassCount, and AddScores checks the scores' length.
        ref int entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), start);
        ref int sc = ref MemoryMarshal.GetReference(scores);
        for (int e = 0; e < meta; e++)
        {
            int p = Unsafe.Add(ref entry, e);
            Unsafe.Add(ref sc, p >>> 16) += (short)p;
        }
    }

    // Hot kernels are compiled fully optimized at once: under tiered compilation a batch run spent ~5% of its time in the
    // unoptimized first-tier copy of AddDense before the optimized one replaced it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddDense(int row, Span<int> scores)
    {
        ref short w = ref _dense[row * _denseStride];
        ref int sc = ref MemoryMarshal.GetReference(scores);
        int n = ClassCount, c = 0;
        for (; c + 16 <= n; c += 16)
        {
            var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref w, (nuint)c));
            (Vector256.LoadUnsafe(ref sc, (nuint)c) + lo).StoreUnsafe(ref sc, (nuint)c);
            (Vector256.LoadUnsafe(ref sc, (nuint)(c + 8)) + hi).StoreUnsafe(ref sc, (nuint)(c + 8));
        }
        for (; c < n; c++) Unsafe.Add(ref sc, c) += Unsafe.Add(ref w, c);
    }

    public int ClassCount { get; }
    /// <summary>Weight = stored int16 × Scale.</summary>
    public float Scale { get; }
    public int FeatureCount { get; }
    public int EntryCount => _entries.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Pack(int cls, int weight) => (cls << 16) | (ushort)(short)weight;

    /// <summary>Adds the weights of <paramref name="features"/> to <paramref name="scores"/> (not cleared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddScores(ReadOnlySpan<ulong> features, Span<int> scores)
    {
        if (scores.Length < ClassCount) throw new ArgumentException($"{ClassCount} scores needed", nameof(scores));
        var slots = _slots;
        var entries = _entries;
        int mask = _mask;
        // Large tables miss the cache on nearly every probe: touch all first slots up front so the misses overlap.
        if (Sse.IsSupported && slots.Length > 1 << 18 && features.Length <= 256)
        {
            ref Slot first = ref MemoryMarshal.GetArrayDataReference(slots);
            foreach (ulong f in features)
                unsafe { Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref first, (int)f & mask))); }
            // Then find every row and prefetch its entries before adding any, so the second misses overlap too.
            Span<int> starts = stackalloc int[features.Length];
            Span<int> counts = stackalloc int[features.Length];
            ref int entry0 = ref MemoryMarshal.GetArrayDataReference(entries);
            int found = 0;
            foreach (ulong f in features)
            {
                int i = (int)f & mask;
                while (true)
                {
                    // i is masked to the power-of-two table: always in range.
                    ref readonly Slot s = ref Unsafe.Add(ref first, i);
                    if (s.Key == f)
                    {
                        starts[found] = s.Start;
                        counts[found++] = s.Count;
                        unsafe { Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref entry0, s.Start))); }
                        break;
                    }
                    if (s.Key == 0) break;
                    i = (i + 1) & mask;
                }
            }
            for (int r = 0; r < found; r++) AddRow(starts[r], counts[r], scores);
            return;
        }
        ref Slot slot0 = ref MemoryMarshal.GetArrayDataReference(slots);
        foreach (ulong f in features)
        {
            int i = (int)f & mask;
            while (true)
            {
                ref readonly Slot s = ref Unsafe.Add(ref slot0, i);
                if (s.Key == f)
                {
                    AddRow(s.Start, s.Count, scores);
                    break;
                }
                if (s.Key == 0) break;
                i = (i + 1) & mask;
            }
        }
    }

    /// <summary>Clears <paramref name="scores"/> and adds the weights of <paramref name="features"/>.</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<int> scores)
    {
        scores[..ClassCount].Clear();
        AddScores(features, scores);
    }

    /// <summary>Bytes <see cref="WriteTo"/> needs for a table of this many features and entries.</summary>
    public static long SerializedSize(long features, long entries) => 32 + features * 10 + entries * 4;

    /// <summary>Writes the used slots' keys and row lengths in slot order, then the rows in the same order; the table is rebuilt on load.</summary>
    public void WriteTo(ModelWriter w)
    {
        var keys = new ulong[FeatureCount];
        var counts = new ushort[FeatureCount];
        var entries = new int[_entries.Length];
        int k = 0, e = 0;
        foreach (ref readonly var s in _slots.AsSpan())
        {
            if (s.Key == 0) continue;
            keys[k] = s.Key;
            int count = s.Count & 0xFFFF;
            counts[k] = (ushort)count;
            Array.Copy(_entries, s.Start, entries, e, count);
            e += count;
            k++;
        }
        w.WriteInt32(ClassCount);
        w.WriteSingle(Scale);
        w.WriteArray<ulong>(keys);
        w.WriteArray<ushort>(counts);
        w.WriteArray<int>(entries.AsSpan(0, e));
    }

    public static WeightTable ReadFrom(ModelReader r)
    {
        int classes = r.ReadInt32();
        float scale = r.ReadSingle();
        var keys = r.ReadArray<ulong>();
        var counts = r.ReadArray<ushort>();
        var entries = r.ReadArray<int>();
        if (classes < 1 || classes > ushort.MaxValue || counts.Length != keys.Length || !(scale > 0))
            throw r.Corrupt("bad weight table dimensions");
        foreach (int p in entries)
            if ((p >>> 16) >= classes) throw r.Corrupt("weight table class out of range");
        var slots = new Slot[Capacity(keys.Length)];
        int mask = slots.Length - 1;
        int start = 0;
        for (int k = 0; k < keys.Length; k++)
        {
            ulong key = keys[k];
            if (key == 0 || (long)start + counts[k] > entries.Length) throw r.Corrupt("weight table row out of range");
            int i = (int)key & mask;
            while (slots[i].Key != 0)
            {
                if (slots[i].Key == key) throw r.Corrupt("duplicate feature key in weight table");
                i = (i + 1) & mask;
            }
            slots[i] = new Slot { Key = key, Start = start, Count = counts[k] };
            start += counts[k];
        }
        if (start != entries.Length) throw r.Corrupt("weight table rows do not cover the entries");
        return new WeightTable(classes, scale, slots, entries, keys.Length);
    }

    /// <summary>
    /// The mean of several tables over the same classes (a feature missing from a table weighs 0 there), re-quantized:
    /// the weights of perceptrons trained on differently shuffled data, averaged once more.
    /// </summary>
    public static WeightTable Mean(IReadOnlyList<WeightTable> tables)
    {
        if (tables.Count == 0) throw new ArgumentException("no tables", nameof(tables));
        int classes = tables[0].ClassCount;
        var sums = new Dictionary<ulong, double[]>();
        foreach (var t in tables)
        {
            if (t.ClassCount != classes) throw new ArgumentException("tables differ in class count", nameof(tables));
            foreach (ref readonly var s in t._slots.AsSpan())
            {
                if (s.Key == 0) continue;
                if (!sums.TryGetValue(s.Key, out var row)) sums[s.Key] = row = new double[classes];
                int end = s.Start + (s.Count & 0xFFFF);
                for (int e = s.Start; e < end; e++) row[t._entries[e] >>> 16] += (short)t._entries[e] * (double)t.Scale / tables.Count;
            }
        }
        double maxAbs = 0;
        foreach (var row in sums.Values) foreach (double w in row) maxAbs = Math.Max(maxAbs, Math.Abs(w));
        float scale = maxAbs > 0 ? (float)(maxAbs / short.MaxValue) : 1f;
        var builder = new Builder(classes, scale);
        var keys = new List<ulong>(sums.Keys);
        keys.Sort();
        var packed = new List<int>(classes);
        foreach (ulong k in keys)
        {
            packed.Clear();
            var row = sums[k];
            for (int c = 0; c < classes; c++)
            {
                int q = (int)Math.Round(row[c] / scale);
                if (q != 0) packed.Add(Pack(c, Math.Clamp(q, short.MinValue, short.MaxValue)));
            }
            if (packed.Count > 0) builder.Add(k, packed.ToArray());
        }
        return builder.Build();
    }

    private static int Capacity(int count) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count + count / 2 + 1));

    public sealed class Builder(int classCount, float scale)
    {
        private readonly List<ulong> _keys = [];
        private readonly List<(int Start, int Count)> _rows = [];
        private readonly List<int> _entries = [];

        public void Add(ulong key, ReadOnlySpan<int> packedEntries)
        {
            if (packedEntries.Length > ushort.MaxValue) throw new ArgumentException("row too long", nameof(packedEntries));
            if (key == 0) throw new ArgumentException("feature key 0 is reserved", nameof(key));
            foreach (int p in packedEntries)
                if ((p >>> 16) >= classCount) throw new ArgumentException($"class {p >>> 16} out of range (the table has {classCount})", nameof(packedEntries));
            _keys.Add(key);
            _rows.Add((_entries.Count, packedEntries.Length));
            foreach (int p in packedEntries) _entries.Add(p);
        }

        public WeightTable Build()
        {
            int cap = Capacity(_keys.Count);
            var slots = new Slot[cap];
            int mask = cap - 1;
            for (int k = 0; k < _keys.Count; k++)
            {
                ulong key = _keys[k];
                int i = (int)key & mask;
                while (slots[i].Key != 0)
                {
                    if (slots[i].Key == key) throw new InvalidOperationException("duplicate feature key");
                    i = (i + 1) & mask;
                }
                slots[i] = new Slot { Key = key, Start = _rows[k].Start, Count = _rows[k].Count };
            }
            return new WeightTable(classCount, scale, slots, [.. _entries], _keys.Count);
        }
    }
}
