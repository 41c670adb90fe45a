using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace WriteCache.Pages;

/// <summary>
/// Page buffers come from <see cref="ArrayPool{T}.Shared"/>, so that a reader streaming a large file reuses a few
/// buffers instead of putting a fresh 1 MiB array on the large-object heap per page (which grew the gateway by
/// about 100 MiB during a 1 GiB read).
/// </summary>
public static class PageBuffers
{
    /// <summary>A buffer of at least <paramref name="length"/> bytes; its contents are stale until written.</summary>
    public static byte[] Rent(int length) => ArrayPool<byte>.Shared.Rent(length);

    /// <summary>
    /// Gives back the buffer behind <paramref name="page"/>. Only its sole holder may call this, after its last use.
    /// A buffer that did not come from the pool (one deserialized from another silo) is given to the pool only if
    /// its size is one the pool keeps; otherwise it is left to the collector.
    /// </summary>
    public static void Return(ReadOnlyMemory<byte> page)
    {
        if (MemoryMarshal.TryGetArray(page, out var segment) && segment.Array is { Length: >= 16 } array && BitOperations.IsPow2(array.Length))
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
