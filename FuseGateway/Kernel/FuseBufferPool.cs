using System.Buffers;
using System.Numerics;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>Recycles the large request and read-reply buffers (max_write + one page each).</summary>
/// <remarks>
/// ArrayPool.Shared would round 1 MiB + 4 KiB up to 2 MiB and keep those per core; a fixed-size stack wastes
/// nothing and hands the most recently used (cache-warm) buffer out first. Buffers live on the pinned object heap
/// because the kernel reads into them and writes from them on every request.
/// </remarks>
public sealed class FuseBufferPool
{
    private readonly byte[]?[] _stack;
    private int _count;

    /// <summary>Creates a pool of buffers of <paramref name="bufferSize"/> bytes, keeping at most <paramref name="maxRetained"/> idle.</summary>
    public FuseBufferPool(int bufferSize, int maxRetained = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 4096);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRetained);
        BufferSize = bufferSize;
        _stack = new byte[]?[maxRetained];
    }

    /// <summary>Size of every pooled buffer.</summary>
    public int BufferSize { get; }

    /// <summary>Rents a buffer of exactly <see cref="BufferSize"/> bytes.</summary>
    public byte[] Rent()
    {
        lock (_stack)
        {
            if (_count > 0)
            {
                byte[] buffer = _stack[--_count]!;
                _stack[_count] = null;
                return buffer;
            }
        }

        return GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
    }

    /// <summary>Rents at least <paramref name="minimumLength"/> bytes; larger requests come from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public byte[] Rent(int minimumLength) =>
        minimumLength <= BufferSize ? Rent() : ArrayPool<byte>.Shared.Rent(minimumLength);

    /// <summary>Returns a buffer obtained from <see cref="Rent()"/> or <see cref="Rent(int)"/>.</summary>
    public void Return(byte[] buffer)
    {
        if (buffer.Length == BufferSize)
        {
            lock (_stack)
            {
                if (_count < _stack.Length)
                {
                    _stack[_count++] = buffer;
                }
            }
        }
        else if (buffer.Length > BufferSize && BitOperations.IsPow2(buffer.Length))
        {
            // Only power-of-two sizes can have come from ArrayPool.Shared, which throws on anything else.
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // Smaller arrays were never ours (a test's frame); the garbage collector takes them.
    }
}
