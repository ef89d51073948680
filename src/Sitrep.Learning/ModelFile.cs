using System.Buffers.Binary;
using System.Text;

namespace Sitrep.Learning;

/// <summary>Metadata stored in every model file header.</summary>
public sealed record ModelHeader
{
    /// <summary>What the payload is ("pos", "parser"): loading one kind as another fails.</summary>
    public required string Kind { get; init; }
    /// <summary>Hash of the feature template definition; a model trained with other templates is rejected.</summary>
    public required ulong FeatureSetHash { get; init; }
    public required string TrainingData { get; init; }
    public required string License { get; init; }
    /// <summary>Dev-set scores (name, fraction 0..1) in a stable order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Scores { get; init; } = [];
}

/// <summary>
/// Versioned binary model file: magic "SITREPMF", format version (int32), header (kind, feature-set hash,
/// training data, license, dev scores), payload (length-prefixed), CRC-32 of every preceding byte.
/// All integers little-endian, strings UTF-8 with an int32 length. No timestamps, so identical models give identical bytes.
/// </summary>
public static class ModelFile
{
    public const int FormatVersion = 2;
    private static ReadOnlySpan<byte> Magic => "SITREPMF"u8;

    public static byte[] Serialize(ModelHeader header, ReadOnlySpan<byte> payload)
    {
        var w = new ModelWriter();
        w.WriteBytes(Magic);
        w.WriteInt32(FormatVersion);
        w.WriteString(header.Kind);
        w.WriteUInt64(header.FeatureSetHash);
        w.WriteString(header.TrainingData);
        w.WriteString(header.License);
        w.WriteInt32(header.Scores.Count);
        foreach (var (k, v) in header.Scores) { w.WriteString(k); w.WriteDouble(v); }
        w.WriteInt32(payload.Length);
        w.WriteBytes(payload);
        uint crc = Crc32.Compute(w.WrittenSpan);
        Span<byte> c = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(c, crc);
        w.WriteBytes(c);
        return w.WrittenSpan.ToArray();
    }

    public static void Write(string path, ModelHeader header, ReadOnlySpan<byte> payload)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllBytes(path, Serialize(header, payload));
    }

    /// <summary>Reads and validates a model file; returns its header and a reader positioned on the payload.</summary>
    public static (ModelHeader Header, ModelReader Payload) Read(string path, string expectedKind, ulong expectedFeatureSetHash) =>
        Read(path, expectedKind, [expectedFeatureSetHash]);

    /// <summary>Reads a model trained with any of the <paramref name="acceptedFeatureSets"/> (a stage that supports optional feature groups).</summary>
    public static (ModelHeader Header, ModelReader Payload) Read(string path, string expectedKind, ulong[] acceptedFeatureSets)
    {
        if (!File.Exists(path)) throw new SitrepInputException(path, "model file not found");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new SitrepInputException(path, "cannot read model file: " + e.Message, null, e); }
        return Parse(bytes, path, expectedKind, acceptedFeatureSets);
    }

    public static (ModelHeader Header, ModelReader Payload) Parse(byte[] bytes, string fileName, string expectedKind, ulong expectedFeatureSetHash) =>
        Parse(bytes, fileName, expectedKind, [expectedFeatureSetHash]);

    public static (ModelHeader Header, ModelReader Payload) Parse(byte[] bytes, string fileName, string expectedKind, ulong[] acceptedFeatureSets)
    {
        if (bytes.Length < Magic.Length + 8 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new SitrepInputException(fileName, "not a Sitrep model file (bad magic)");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length, 4));
        if (version != FormatVersion)
            throw new SitrepInputException(fileName, $"model format version {version} is not supported (this build reads version {FormatVersion}); retrain or use a matching build");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        if (Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)) != stored)
            throw new SitrepInputException(fileName, "model file is corrupt or truncated (checksum mismatch)");

        var r = new ModelReader(bytes, Magic.Length + 4, bytes.Length - 4, fileName);
        string kind = r.ReadRequiredString();
        if (kind != expectedKind)
            throw new SitrepInputException(fileName, $"model kind is '{kind}', expected '{expectedKind}'");
        ulong fsh = r.ReadUInt64();
        if (Array.IndexOf(acceptedFeatureSets, fsh) < 0)
            throw new SitrepInputException(fileName, $"model was trained with a different feature set (hash {fsh:x16}, this build uses {string.Join(" or ", acceptedFeatureSets.Select(h => h.ToString("x16")))}); retrain it");
        string training = r.ReadRequiredString();
        string license = r.ReadRequiredString();
        int nScores = r.ReadInt32();
        if (nScores < 0 || nScores > 1000) throw r.Corrupt("bad score count");
        var scores = new List<KeyValuePair<string, double>>(nScores);
        for (int i = 0; i < nScores; i++) scores.Add(new(r.ReadRequiredString(), r.ReadDouble()));
        int payloadLength = r.ReadInt32();
        if (payloadLength != bytes.Length - 4 - r.Position) throw r.Corrupt("payload length does not match the file size");
        var header = new ModelHeader { Kind = kind, FeatureSetHash = fsh, TrainingData = training, License = license, Scores = scores };
        return (header, new ModelReader(bytes, r.Position, bytes.Length - 4, fileName));
    }

    public static string Describe(ModelHeader h)
    {
        var sb = new StringBuilder();
        sb.Append(h.Kind).Append(" v").Append(FormatVersion).Append(" features=").Append(h.FeatureSetHash.ToString("x16"));
        foreach (var (k, v) in h.Scores) sb.Append(' ').Append(k).Append('=').Append(v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
