using System.Security.Cryptography;

namespace WriteCache.Tests.Ufs;

/// <summary>Deterministic content and hashing for the UFS tests, so a mismatch is reproducible.</summary>
public static class UfsTestData
{
    /// <summary>One MiB, the cache's usual page size.</summary>
    public const int MiB = 1024 * 1024;

    /// <summary><paramref name="length"/> pseudo-random bytes from <paramref name="seed"/>.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data));

    /// <summary>A directory name no other test uses, so tests sharing one UFS root never see each other's files.</summary>
    public static string UniqueDirectory(string label) => $"{label}-{Guid.NewGuid():N}";
}
