using System.Buffers.Binary;
using WriteCache.FuseGateway.Kernel;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Collects replies as whole frames (header followed by payload), as the kernel would receive them.</summary>
internal sealed class CapturingReplySink : IFuseReplySink
{
    private readonly List<byte[]> _replies = [];

    public IReadOnlyList<byte[]> Replies
    {
        get
        {
            lock (_replies)
            {
                return _replies.ToArray();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_replies)
            {
                return _replies.Count;
            }
        }
    }

    public void Send(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        byte[] frame = new byte[header.Length + payload.Length];
        header.CopyTo(frame);
        payload.CopyTo(frame.AsSpan(header.Length));
        lock (_replies)
        {
            _replies.Add(frame);
        }
    }

    public byte[] Last() => Replies[^1];

    public static uint Length(byte[] reply) => BinaryPrimitives.ReadUInt32LittleEndian(reply);

    public static int Error(byte[] reply) => BinaryPrimitives.ReadInt32LittleEndian(reply.AsSpan(4));

    public static ulong Unique(byte[] reply) => BinaryPrimitives.ReadUInt64LittleEndian(reply.AsSpan(8));
}
