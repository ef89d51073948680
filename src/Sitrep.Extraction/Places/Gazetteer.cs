using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Sitrep.Extraction.Places;

/// <summary>What a gazetteer entry is; the resolver's prior depends on it.</summary>
public enum PlaceKind : byte { Country, Admin1, Region, City }

/// <summary>One gazetteer entry, as the resolver sees it.</summary>
public readonly record struct GazetteerEntry(int Index, PlaceKind Kind, int GeonameId, double Lat, double Lon, long Population,
    string FeatureCode, string? CountryCode, string? Admin1);

/// <summary>
/// The compiled gazetteer (data/gazetteer/places.sitrep-gaz): GeoNames populated places (cities500), countries from
/// world-countries, hand-made first-level divisions and regions. Names are found by <see cref="PlaceNameKey"/> through a
/// binary search over a sorted key table, so loading is reading arrays. Immutable and thread-safe.
/// File: magic "SITREPGZ", int32 format version, int32 body length, then the body gzip-compressed (see <see cref="GazetteerBuilder"/>).
/// </summary>
public sealed class Gazetteer
{
    public const int FormatVersion = 1;
    public const string FileName = "places.sitrep-gaz";
    internal static ReadOnlySpan<byte> Magic => "SITREPGZ"u8;

    private readonly int[] _ids;
    private readonly float[] _lat, _lon;
    private readonly long[] _population;
    private readonly byte[] _kind, _feature;
    private readonly short[] _country;
    private readonly int[] _admin1;
    private readonly int[] _nameOffsets;
    private readonly byte[] _names;
    private readonly string[] _features, _countryCodes, _countryIso3, _admin1Codes;
    private readonly int[] _countryEntry;
    private readonly byte[] _keys;
    private readonly int[] _keyOffsets, _postingOffsets, _postings;

    internal Gazetteer(int[] ids, float[] lat, float[] lon, long[] population, byte[] kind, byte[] feature, short[] country, int[] admin1,
        int[] nameOffsets, byte[] names, string[] features, string[] countryCodes, string[] countryIso3, int[] countryEntry, string[] admin1Codes,
        byte[] keys, int[] keyOffsets, int[] postingOffsets, int[] postings)
    {
        (_ids, _lat, _lon, _population, _kind, _feature, _country, _admin1) = (ids, lat, lon, population, kind, feature, country, admin1);
        (_nameOffsets, _names, _features, _countryCodes, _countryIso3, _countryEntry, _admin1Codes) = (nameOffsets, names, features, countryCodes, countryIso3, countryEntry, admin1Codes);
        (_keys, _keyOffsets, _postingOffsets, _postings) = (keys, keyOffsets, postingOffsets, postings);
    }

    public int Count => _ids.Length;
    public int KeyCount => _keyOffsets.Length - 1;

    public GazetteerEntry this[int index] => new(index, (PlaceKind)_kind[index], _ids[index], _lat[index], _lon[index], _population[index],
        _features[_feature[index]], _country[index] < 0 ? null : _countryCodes[_country[index]], _admin1[index] < 0 ? null : _admin1Codes[_admin1[index]]);

    /// <summary>The entry's main name (decoded on demand).</summary>
    public string Name(int index) => Encoding.UTF8.GetString(_names.AsSpan(_nameOffsets[index], _nameOffsets[index + 1] - _nameOffsets[index]));

    /// <summary>ISO 3166-1 alpha-3 of an alpha-2 code known to the gazetteer, or null.</summary>
    public string? Iso3(string? iso2)
    {
        if (iso2 is null) return null;
        int i = Array.IndexOf(_countryCodes, iso2);
        return i < 0 ? null : _countryIso3[i];
    }

    /// <summary>The alpha-2 code of an ISO 3166-1 alpha-3 code, or null.</summary>
    public string? Iso2(string? iso3)
    {
        if (iso3 is null) return null;
        int i = Array.IndexOf(_countryIso3, iso3);
        return i < 0 ? null : _countryCodes[i];
    }

    /// <summary>The country entry of an alpha-2 code, or -1.</summary>
    public int CountryEntry(string iso2)
    {
        int i = Array.IndexOf(_countryCodes, iso2);
        return i < 0 ? -1 : _countryEntry[i];
    }

    /// <summary>Entries whose name or alternate name has the key of <paramref name="name"/>. Each posting is an entry index; <see cref="IsAlternate"/> tells whether the match came from an alternate name.</summary>
    public ReadOnlySpan<int> Find(ReadOnlySpan<char> name)
    {
        Span<char> key = stackalloc char[PlaceNameKey.MaxLength];
        int n = PlaceNameKey.Write(name, key);
        return n == 0 ? default : FindKey(key[..n]);
    }

    public static bool IsAlternate(int posting) => posting < 0;
    public static int EntryOf(int posting) => posting & int.MaxValue;

    private ReadOnlySpan<int> FindKey(scoped ReadOnlySpan<char> key)
    {
        Span<byte> k = stackalloc byte[key.Length];
        for (int i = 0; i < key.Length; i++) k[i] = key[i] < 0x80 ? (byte)key[i] : (byte)'?';
        int lo = 0, hi = KeyCount - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = _keys.AsSpan(_keyOffsets[mid], _keyOffsets[mid + 1] - _keyOffsets[mid]).SequenceCompareTo(k);
            if (c == 0) return _postings.AsSpan(_postingOffsets[mid], _postingOffsets[mid + 1] - _postingOffsets[mid]);
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return default;
    }

    /// <summary>The shipped gazetteer: data/gazetteer beside data/models.</summary>
    public static string DefaultPath() => Path.GetFullPath(Path.Combine(Sitrep.Models.ModelLocator.ResolveDirectory(), "..", "gazetteer", FileName));

    public static Gazetteer Load(string path)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "gazetteer file not found (rebuild with `sitrep data build-gazetteer`)");
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> head = stackalloc byte[16];
            file.ReadExactly(head);
            if (!head[..8].SequenceEqual(Magic)) throw new SitrepInputException(path, "not a Sitrep gazetteer file");
            int version = BinaryPrimitives.ReadInt32LittleEndian(head[8..]);
            if (version != FormatVersion) throw new SitrepInputException(path, $"gazetteer format {version}, expected {FormatVersion}");
            int length = BinaryPrimitives.ReadInt32LittleEndian(head[12..]);
            if (length <= 0 || length > 1 << 30) throw new SitrepInputException(path, "corrupt gazetteer file (bad length)");
            var body = new byte[length];
            using (var gz = new GZipStream(file, CompressionMode.Decompress)) gz.ReadExactly(body);
            return Parse(body);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new SitrepInputException(path, "corrupt gazetteer file: " + e.Message);
        }
    }

    private static Gazetteer Parse(byte[] body)
    {
        var r = new BodyReader(body);
        var ids = r.Ints(); var lat = r.Floats(); var lon = r.Floats(); var pop = r.Longs();
        var kind = r.Bytes(); var feature = r.Bytes(); var country = r.Shorts(); var admin1 = r.Ints();
        var nameOffsets = r.Ints(); var names = r.Bytes();
        var features = r.Strings(); var codes = r.Strings(); var iso3 = r.Strings(); var countryEntry = r.Ints(); var admin1Codes = r.Strings();
        var keys = r.Bytes(); var keyOffsets = r.Ints(); var postingOffsets = r.Ints(); var postings = r.Ints();
        int n = ids.Length;
        if (lat.Length != n || lon.Length != n || pop.Length != n || kind.Length != n || feature.Length != n || country.Length != n || admin1.Length != n
            || nameOffsets.Length != n + 1 || keyOffsets.Length != postingOffsets.Length || codes.Length != iso3.Length || codes.Length != countryEntry.Length
            || r.Remaining != 0)
            throw new InvalidDataException("inconsistent section lengths");
        return new Gazetteer(ids, lat, lon, pop, kind, feature, country, admin1, nameOffsets, names, features, codes, iso3, countryEntry, admin1Codes,
            keys, keyOffsets, postingOffsets, postings);
    }

    private ref struct BodyReader(byte[] body)
    {
        private int _pos;
        public readonly int Remaining => body.Length - _pos;

        private ReadOnlySpan<byte> Section(int elementSize, out int count)
        {
            count = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(_pos, 4));
            if (count < 0 || (long)count * elementSize > body.Length - _pos - 4) throw new InvalidDataException("section overruns the file");
            var s = body.AsSpan(_pos + 4, count * elementSize);
            _pos += 4 + count * elementSize;
            return s;
        }

        public int[] Ints() => MemoryMarshal.Cast<byte, int>(Section(4, out _)).ToArray();
        public long[] Longs() => MemoryMarshal.Cast<byte, long>(Section(8, out _)).ToArray();
        public float[] Floats() => MemoryMarshal.Cast<byte, float>(Section(4, out _)).ToArray();
        public short[] Shorts() => MemoryMarshal.Cast<byte, short>(Section(2, out _)).ToArray();
        public byte[] Bytes() => Section(1, out _).ToArray();
        public string[] Strings()
        {
            var offsets = Ints();
            var blob = Bytes();
            if (offsets.Length == 0) throw new InvalidDataException("empty string table");
            var result = new string[offsets.Length - 1];
            for (int i = 0; i < result.Length; i++) result[i] = Encoding.UTF8.GetString(blob, offsets[i], offsets[i + 1] - offsets[i]);
            return result;
        }
    }
}
