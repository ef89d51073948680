using System.Numerics;

namespace Sitrep.Learning;

/// <summary>Immutable open-addressing map from a 64-bit key (see <see cref="FeatureHash"/>) to an int; used for tag dictionaries and lemma tables.</summary>
public sealed class HashIndex
{
    private readonly ulong[] _keys;
    private readonly int[] _values;
    private readonly int _mask;

    private HashIndex(ulong[] keys, int[] values)
    {
        _keys = keys;
        _values = values;
        _mask = keys.Length - 1;
        foreach (ulong k in keys) if (k != 0) Count++;
    }

    public int Count { get; }

    public bool TryGet(ulong key, out int value)
    {
        int i = (int)key & _mask;
        while (true)
        {
            ulong k = _keys[i];
            if (k == key) { value = _values[i]; return true; }
            if (k == 0) { value = 0; return false; }
            i = (i + 1) & _mask;
        }
    }

    /// <summary>Builds from pairs; inserted in key order so the layout is deterministic.</summary>
    public static HashIndex Build(IEnumerable<KeyValuePair<ulong, int>> pairs)
    {
        var list = new List<KeyValuePair<ulong, int>>(pairs);
        list.Sort((a, b) => a.Key.CompareTo(b.Key));
        int cap = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, list.Count * 2));
        var keys = new ulong[cap];
        var values = new int[cap];
        int mask = cap - 1;
        foreach (var (key, value) in list)
        {
            if (key == 0) throw new ArgumentException("key 0 is reserved");
            int i = (int)key & mask;
            while (keys[i] != 0)
            {
                if (keys[i] == key) throw new ArgumentException("duplicate key");
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
        }
        return new HashIndex(keys, values);
    }

    public void WriteTo(ModelWriter w)
    {
        w.WriteArray<ulong>(_keys);
        w.WriteArray<int>(_values);
    }

    public static HashIndex ReadFrom(ModelReader r)
    {
        var keys = r.ReadArray<ulong>();
        var values = r.ReadArray<int>();
        if (keys.Length == 0 || keys.Length != values.Length || !BitOperations.IsPow2(keys.Length)) throw r.Corrupt("bad hash index dimensions");
        return new HashIndex(keys, values);
    }

    /// <summary>Checks that every stored value lies in [0, limit).</summary>
    public void Validate(int limit, ModelReader r)
    {
        for (int i = 0; i < _keys.Length; i++)
            if (_keys[i] != 0 && (uint)_values[i] >= (uint)limit) throw r.Corrupt("hash index value out of range");
    }
}
