using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using WriteCache.FuseGateway.Kernel.Abi;
using WriteCache.FuseGateway.Kernel.Replies;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>One request in flight: its header, its body in the request buffer, and where its reply goes.</summary>
/// <remarks>
/// A struct so that a request that completes synchronously allocates nothing; an operation that goes
/// asynchronous carries it in its (pooled) state machine. The buffer belongs to the dispatcher until the
/// operation's task completes.
/// </remarks>
internal readonly struct FuseRequest
{
    internal FuseRequest(FuseDispatcher dispatcher, IFuseReplySink sink, byte[] buffer, int bodyLength, in FuseInHeader header, CancellationToken cancellationToken)
    {
        Dispatcher = dispatcher;
        Sink = sink;
        Buffer = buffer;
        BodyLength = bodyLength;
        Header = header;
        CancellationToken = cancellationToken;
    }

    public FuseDispatcher Dispatcher { get; }

    public IFuseReplySink Sink { get; }

    public byte[] Buffer { get; }

    public int BodyLength { get; }

    public FuseInHeader Header { get; }

    public CancellationToken CancellationToken { get; }

    public IFuseFileSystem FileSystem => Dispatcher.FileSystem;

    public ulong Unique => Header.Unique;

    public FuseRequestContext Context => new(Header.Unique, Header.NodeId, Header.Uid, Header.Gid, Header.Pid);

    /// <summary>The bytes after the in header, without request extensions.</summary>
    public ReadOnlySpan<byte> Body => Buffer.AsSpan(FuseAbi.InHeaderSize, BodyLength);

    /// <summary>Reads a fixed-size argument at the start of the body; the opcode table guarantees it is there.</summary>
    public T Read<T>()
        where T : unmanaged => MemoryMarshal.Read<T>(Body);

    /// <summary>A slice of the body as memory, for payloads handed to the file system without copying.</summary>
    public ReadOnlyMemory<byte> BodyMemory(int offset, int length) => Buffer.AsMemory(FuseAbi.InHeaderSize + offset, length);

    /// <summary>Reads the NUL-terminated UTF-8 name at <paramref name="offset"/>; on failure replies EINVAL/EILSEQ and returns false.</summary>
    public bool TryReadName(int offset, [NotNullWhen(true)] out string? name, out int next)
    {
        name = null;
        next = offset;
        ReadOnlySpan<byte> rest = offset <= BodyLength ? Body[offset..] : default;
        int end = rest.IndexOf((byte)0);
        if (end <= 0)
        {
            // No terminator means a truncated frame; an empty name is never sent by the kernel.
            ReplyError(Errno.EINVAL);
            return false;
        }

        ReadOnlySpan<byte> raw = rest[..end];
        if (!Utf8.IsValid(raw))
        {
            // Names reach grains and S3 keys as strings; a lossy decode would alias distinct names.
            ReplyError(Errno.EILSEQ);
            return false;
        }

        name = Encoding.UTF8.GetString(raw);
        next = offset + end + 1;
        return true;
    }

    public void ReplyError(int errno) => FuseReplyEncoder.SendError(Sink, Unique, errno);

    public void ReplyStatus(int errno)
    {
        if (errno == 0)
        {
            FuseReplyEncoder.SendEmpty(Sink, Unique);
        }
        else
        {
            ReplyError(errno);
        }
    }

    public void Reply<T>(in T value)
        where T : unmanaged => FuseReplyEncoder.SendStruct(Sink, Unique, in value);

    public void Reply<T>(in FuseResult<T> result)
        where T : unmanaged
    {
        if (result.IsSuccess)
        {
            FuseReplyEncoder.SendStruct(Sink, Unique, result.Value);
        }
        else
        {
            ReplyError(result.Error);
        }
    }

    public void ReplyPayload(ReadOnlySpan<byte> payload) => FuseReplyEncoder.SendPayload(Sink, Unique, payload);

    /// <summary>Replies with a UTF-8 string (READLINK), without a terminator, as libfuse does.</summary>
    public void ReplyString(string value)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(value, rented);
            ReplyPayload(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
