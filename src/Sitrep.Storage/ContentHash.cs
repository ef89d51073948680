using System.Security.Cryptography;
using System.Text;

namespace Sitrep.Storage;

/// <summary>Content hashes: SHA-256 as lower-case hex. Documents by their text (UTF-8), raw inputs by their bytes.</summary>
public static class ContentHash
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Of(Encoding.UTF8.GetBytes(text));
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
