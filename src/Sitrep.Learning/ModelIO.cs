using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Sitrep.Learning;

/// <summary>Little-endian writer for model payloads.</summary>
public sealed class ModelWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);

    public int Length => _buffer.WrittenCount;
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void WriteInt32(int v) { BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), v); _buffer.Advance(4); }
    public void WriteUInt64(ulong v) { BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), v); _buffer.Advance(8); }
    public void WriteDouble(double v) { BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), v); _buffer.Advance(8); }
    public void WriteSingle(float v) { BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), v); _buffer.Advance(4); }

    public void WriteString(string? s)
    {
        if (s is null) { WriteInt32(-1); return; }
        int n = Encoding.UTF8.GetByteCount(s);
        WriteInt32(n);
        Encoding.UTF8.GetBytes(s, _buffer.GetSpan(n));
        _buffer.Advance(n);
    }

    public void WriteStrings(IReadOnlyList<string> list)
    {
        WriteInt32(list.Count);
        foreach (var s in list) WriteString(s);
    }

    /// <summary>Writes a count and the raw little-endian bytes of the elements.</summary>
    public void WriteArray<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("model files are little-endian");
        WriteInt32(values.Length);
        var bytes = MemoryMarshal.AsBytes(values);
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) { bytes.CopyTo(_buffer.GetSpan(bytes.Length)); _buffer.Advance(bytes.Length); }
}

/// <summary>Bounds-checked reader over a model payload; any overrun is reported as a corrupt model file.</summary>
public sealed class ModelReader
{
    private readonly byte[] _data;
    private readonly int _end;
    private int _pos;

    public ModelReader(byte[] data, int start, int end, string fileName)
    {
        _data = data;
        _pos = start;
        _end = end;
        FileName = fileName;
    }

    public string FileName { get; }
    public int Position => _pos;
    public bool AtEnd => _pos == _end;

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || n > _end - _pos) throw Corrupt("truncated or corrupt model data");
        var s = _data.AsSpan(_pos, n);
        _pos += n;
        return s;
    }

    public SitrepInputException Corrupt(string reason) => new(FileName, reason);

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));
    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));
    public ReadOnlySpan<byte> ReadBytes(int n) => Take(n);

    public string? ReadString()
    {
        int n = ReadInt32();
        if (n == -1) return null;
        return Encoding.UTF8.GetString(Take(n));
    }

    public string ReadRequiredString() => ReadString() ?? throw Corrupt("unexpected null string in model data");

    public string[] ReadStrings()
    {
        int n = ReadInt32();
        if (n < 0 || n > _end - _pos) throw Corrupt("bad string list length");
        var r = new string[n];
        for (int i = 0; i < n; i++) r[i] = ReadRequiredString();
        return r;
    }

    public T[] ReadArray<T>() where T : unmanaged
    {
        int n = ReadInt32();
        int size = Marshal.SizeOf<T>();
        if (n < 0 || (long)n * size > _end - _pos) throw Corrupt("truncated or corrupt array in model data");
        var r = new T[n];
        Take(n * size).CopyTo(MemoryMarshal.AsBytes(r.AsSpan()));
        return r;
    }
}
