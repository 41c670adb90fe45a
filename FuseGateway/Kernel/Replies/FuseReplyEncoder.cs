using System.Runtime.InteropServices;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel.Replies;

/// <summary>Encodes replies: a 16-byte header on the stack plus a payload that is never copied on the way to the sink.</summary>
public static class FuseReplyEncoder
{
    /// <summary>Writes an out header for a reply of <paramref name="payloadLength"/> bytes after the header.</summary>
    public static void WriteHeader(Span<byte> destination, ulong unique, int error, int payloadLength)
    {
        var header = new FuseOutHeader
        {
            Len = (uint)(FuseAbi.OutHeaderSize + payloadLength),
            Error = error,
            Unique = unique,
        };
        MemoryMarshal.Write(destination, in header);
    }

    /// <summary>Maps a file system's errno onto what the kernel accepts: 1..511, anything else becomes EIO.</summary>
    public static int NormalizeErrno(int errno) => errno is > 0 and <= FuseAbi.MaxErrno ? errno : Errno.EIO;

    /// <summary>Sends an error reply: just the header, length 16, error = -errno.</summary>
    public static void SendError(IFuseReplySink sink, ulong unique, int errno)
    {
        Span<byte> header = stackalloc byte[FuseAbi.OutHeaderSize];
        WriteHeader(header, unique, -NormalizeErrno(errno), 0);
        sink.Send(header, default);
    }

    /// <summary>Sends a success reply without payload (UNLINK, RELEASE, FLUSH, ...).</summary>
    public static void SendEmpty(IFuseReplySink sink, ulong unique) => SendPayload(sink, unique, default);

    /// <summary>Sends a success reply whose payload is <paramref name="value"/>'s bytes, read in place.</summary>
    public static void SendStruct<T>(IFuseReplySink sink, ulong unique, in T value)
        where T : unmanaged
    {
        SendPayload(sink, unique, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));
    }

    /// <summary>Sends a success reply with an arbitrary payload (READ data, directory records, symlink target).</summary>
    public static void SendPayload(IFuseReplySink sink, ulong unique, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[FuseAbi.OutHeaderSize];
        WriteHeader(header, unique, 0, payload.Length);
        sink.Send(header, payload);
    }
}
