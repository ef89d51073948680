using Sitrep.Learning;

namespace Sitrep.Learning.Tests;

public sealed class ModelFileTests
{
    private static readonly ModelHeader Header = new()
    {
        Kind = "test",
        FeatureSetHash = 0x1234_5678_9ABC_DEF0UL,
        TrainingData = "toy data",
        License = "CC0",
        Scores = [new("acc", 0.875)],
    };

    private static byte[] Sample()
    {
        var w = new ModelWriter();
        w.WriteString("hello");
        w.WriteArray<int>([1, 2, 3]);
        return ModelFile.Serialize(Header, w.WrittenSpan);
    }

    [Fact]
    public void Round_trips_header_and_payload()
    {
        var (h, r) = ModelFile.Parse(Sample(), "m.bin", "test", Header.FeatureSetHash);
        Assert.Equal("toy data", h.TrainingData);
        Assert.Equal("CC0", h.License);
        Assert.Equal(0.875, Assert.Single(h.Scores).Value);
        Assert.Equal("hello", r.ReadString());
        Assert.Equal([1, 2, 3], r.ReadArray<int>());
        Assert.True(r.AtEnd);
    }

    [Fact]
    public void Same_input_gives_same_bytes() => Assert.Equal(Sample(), Sample());

    [Fact]
    public void Rejects_other_format_version()
    {
        var b = Sample();
        b[8] = 99;
        var e = Assert.Throws<SitrepInputException>(() => ModelFile.Parse(b, "m.bin", "test", Header.FeatureSetHash));
        Assert.Equal("m.bin", e.File);
        Assert.Contains("format version 99", e.Reason);
    }

    [Fact]
    public void Rejects_other_feature_set()
    {
        var e = Assert.Throws<SitrepInputException>(() => ModelFile.Parse(Sample(), "m.bin", "test", 42));
        Assert.Contains("different feature set", e.Reason);
    }

    [Fact]
    public void Rejects_other_kind()
    {
        var e = Assert.Throws<SitrepInputException>(() => ModelFile.Parse(Sample(), "m.bin", "parser", Header.FeatureSetHash));
        Assert.Contains("expected 'parser'", e.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(30)]
    public void Rejects_truncated_file(int keep)
    {
        var b = Sample();
        var cut = b.AsSpan(0, Math.Min(keep, b.Length - 1)).ToArray();
        var e = Assert.Throws<SitrepInputException>(() => ModelFile.Parse(cut, "m.bin", "test", Header.FeatureSetHash));
        Assert.Equal("m.bin", e.File);
    }

    [Fact]
    public void Rejects_corrupt_byte_by_checksum()
    {
        var b = Sample();
        b[^8] ^= 0x40;
        var e = Assert.Throws<SitrepInputException>(() => ModelFile.Parse(b, "m.bin", "test", Header.FeatureSetHash));
        Assert.Contains("checksum", e.Reason);
    }

    [Fact]
    public void Missing_file_names_the_file()
    {
        var e = Assert.Throws<SitrepInputException>(() => ModelFile.Read("/nonexistent/x.sitrep-model", "test", 1));
        Assert.Equal("/nonexistent/x.sitrep-model", e.File);
    }

    [Fact]
    public void Payload_reader_overrun_is_an_input_error()
    {
        var w = new ModelWriter();
        w.WriteInt32(1000); // claims 1000 ints that are not there
        var (_, r) = ModelFile.Parse(ModelFile.Serialize(Header, w.WrittenSpan), "m.bin", "test", Header.FeatureSetHash);
        Assert.Throws<SitrepInputException>(() => r.ReadArray<int>());
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
}
