using System.Globalization;
using Sitrep.Learning;

namespace Sitrep.Models;

/// <summary>
/// Word classes learned from unlabeled text (<c>data/lexicons/word-clusters.tsv</c>, built by
/// <c>sitrep data build-clusters</c>): for each lower-cased word, its class at three granularities and how it is
/// usually written (a case bucket). Stored in the NER model, so a shipped model sees the table it was trained with.
/// Values are packed as <c>small | mid &lt;&lt; 8 | large &lt;&lt; 16 | case &lt;&lt; 28</c>, each class + 1 (0 = unknown).
/// Immutable and thread-safe.
/// </summary>
public sealed class WordClusters
{
    public const string FileName = "word-clusters.tsv";
    public const int CaseBuckets = 6;

    private readonly HashIndex _index;

    private WordClusters(HashIndex index) => _index = index;

    public int Count => _index.Count;

    public static WordClusters Empty { get; } = new(HashIndex.Build([]));

    /// <summary>The packed value of a lower-cased word hash, or 0 when the word is not in the table.</summary>
    public int Lookup(ulong lowerHash) => _index.TryGet(lowerHash, out int v) ? v : 0;

    public static int Small(int packed) => packed & 0xFF;
    public static int Mid(int packed) => (packed >> 8) & 0xFF;
    public static int Large(int packed) => (packed >> 16) & 0xFFF;
    public static int Case(int packed) => (packed >> 28) & 0x7;

    public static int Pack(int small, int mid, int large, int caseBucket) =>
        (small + 1) | ((mid + 1) << 8) | ((large + 1) << 16) | (caseBucket << 28);

    /// <summary>Reads the TSV table: <c>word, small, mid, large, case, count</c>; lines starting with # are comments.</summary>
    public static WordClusters Load(string path)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "word cluster table not found");
        var pairs = new Dictionary<ulong, int>();
        int n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            if (raw.Length == 0 || raw[0] == '#') continue;
            var cols = raw.Split('\t');
            if (cols.Length != 6) throw new SitrepInputException(path, $"expected 6 tab-separated columns, found {cols.Length}", n);
            int small = Int(cols[1], 254), mid = Int(cols[2], 254), large = Int(cols[3], 4094), cb = Int(cols[4], CaseBuckets);
            pairs[FeatureHash.LowerChars(cols[0])] = Pack(small, mid, large, cb);

            int Int(string s, int max) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v < max
                ? v : throw new SitrepInputException(path, $"bad number '{s}'", n);
        }
        return new WordClusters(HashIndex.Build(pairs));
    }

    public void WriteTo(ModelWriter w) => _index.WriteTo(w);

    public static WordClusters ReadFrom(ModelReader r) => new(HashIndex.ReadFrom(r));
}
