using System.Text;

namespace WriteCache.Placement;

/// <summary>A 64-bit hash that is the same in every process and version (unlike <see cref="HashCode"/>), for placement.</summary>
public static class StableHash
{
    /// <summary>FNV-1a over the UTF-8 bytes of <paramref name="text"/>, then mixed.</summary>
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return Mix(hash);
    }

    /// <summary>The hash of page <paramref name="index"/> of <paramref name="incarnation"/>.</summary>
    public static ulong Of(Guid incarnation, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        incarnation.TryWriteBytes(bytes);
        var lo = BitConverter.ToUInt64(bytes[..8]);
        var hi = BitConverter.ToUInt64(bytes[8..]);
        return Mix(lo ^ Mix(hi ^ Mix((ulong)(uint)index + 0x632BE59BD9B4E019UL)));
    }

    /// <summary>The splitmix64 finalizer: spreads nearby inputs over the whole range.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
