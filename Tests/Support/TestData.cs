using System.Security.Cryptography;

namespace WriteCache.Tests.Support;

/// <summary>Deterministic content for files, so a mismatch is reproducible.</summary>
public static class TestData
{
    /// <summary><paramref name="length"/> pseudo-random bytes from <paramref name="seed"/>.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data));
}
