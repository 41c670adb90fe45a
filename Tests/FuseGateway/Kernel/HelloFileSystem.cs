using System.Text;
using WriteCache.FuseGateway.Kernel;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>A root directory with a read-only file "hello" and a write-only sink "sink" that records write sizes.</summary>
internal sealed class HelloFileSystem : FuseFileSystemBase
{
    public const ulong HelloNode = 2;
    public const ulong SinkNode = 3;
    public static readonly byte[] HelloBytes = Encoding.UTF8.GetBytes("Hello from our own FUSE server\n");

    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(1);
    private long _sinkSize;
    private int _largestWrite;

    /// <summary>The largest WRITE payload received.</summary>
    public int LargestWrite => Volatile.Read(ref _largestWrite);

    /// <summary>Total bytes written to the sink.</summary>
    public long SinkSize => Interlocked.Read(ref _sinkSize);

    public override ValueTask<FuseResult<FuseEntryOut>> LookupAsync(FuseRequestContext context, string name, CancellationToken cancellationToken)
    {
        if (context.NodeId != FuseAbi.RootNodeId)
        {
            return new(new FuseError(Errno.ENOENT));
        }

        return name switch
        {
            "hello" => new(FuseEntryOut.Create(HelloNode, Attr(HelloNode), Ttl, Ttl)),
            "sink" => new(FuseEntryOut.Create(SinkNode, Attr(SinkNode), Ttl, Ttl)),
            _ => new(new FuseError(Errno.ENOENT)),
        };
    }

    public override ValueTask<FuseResult<FuseAttrOut>> GetAttrAsync(FuseRequestContext context, ulong? fileHandle, CancellationToken cancellationToken) =>
        IsKnown(context.NodeId)
            ? new(FuseAttrOut.Create(Attr(context.NodeId), Ttl))
            : new(new FuseError(Errno.ENOENT));

    public override ValueTask<FuseResult<FuseAttrOut>> SetAttrAsync(FuseRequestContext context, FuseSetAttrIn attributes, CancellationToken cancellationToken)
    {
        if (context.NodeId != SinkNode)
        {
            return new(new FuseError(IsKnown(context.NodeId) ? Errno.EACCES : Errno.ENOENT));
        }

        if (attributes.Has(SetAttrValid.Size))
        {
            Interlocked.Exchange(ref _sinkSize, (long)attributes.Size);
        }

        return new(FuseAttrOut.Create(Attr(SinkNode), Ttl));
    }

    public override ValueTask<FuseResult<FuseOpenOut>> OpenAsync(FuseRequestContext context, FuseOpenIn arguments, CancellationToken cancellationToken) =>
        context.NodeId is HelloNode or SinkNode
            ? new(new FuseOpenOut { Fh = context.NodeId })
            : new(new FuseError(Errno.ENOENT));

    public override ValueTask<FuseResult<int>> ReadAsync(FuseRequestContext context, FuseReadIn arguments, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (context.NodeId != HelloNode)
        {
            return new(new FuseError(Errno.EBADF));
        }

        if (arguments.Offset >= (ulong)HelloBytes.Length)
        {
            return new(0);
        }

        var source = HelloBytes.AsSpan((int)arguments.Offset);
        int count = Math.Min(source.Length, destination.Length);
        source[..count].CopyTo(destination.Span);
        return new(count);
    }

    public override ValueTask<FuseResult<int>> WriteAsync(FuseRequestContext context, FuseWriteIn arguments, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (context.NodeId != SinkNode)
        {
            return new(new FuseError(Errno.EBADF));
        }

        int largest;
        while (data.Length > (largest = Volatile.Read(ref _largestWrite)) && Interlocked.CompareExchange(ref _largestWrite, data.Length, largest) != largest)
        {
        }

        long end = (long)arguments.Offset + data.Length;
        long size;
        while (end > (size = Interlocked.Read(ref _sinkSize)) && Interlocked.CompareExchange(ref _sinkSize, end, size) != size)
        {
        }

        return new(data.Length);
    }

    public override ValueTask<int> FlushAsync(FuseRequestContext context, FuseFlushIn arguments, CancellationToken cancellationToken) =>
        new(IsKnown(context.NodeId) ? 0 : Errno.EBADF);

    public override ValueTask<int> ReleaseAsync(FuseRequestContext context, FuseReleaseIn arguments, CancellationToken cancellationToken) =>
        new(IsKnown(context.NodeId) ? 0 : Errno.EBADF);

    public override ValueTask<FuseResult<FuseOpenOut>> OpenDirAsync(FuseRequestContext context, FuseOpenIn arguments, CancellationToken cancellationToken) =>
        context.NodeId == FuseAbi.RootNodeId ? new(new FuseOpenOut()) : new(new FuseError(Errno.ENOENT));

    public override ValueTask<int> ReleaseDirAsync(FuseRequestContext context, FuseReleaseIn arguments, CancellationToken cancellationToken) =>
        new(context.NodeId == FuseAbi.RootNodeId ? 0 : Errno.EBADF);

    public override ValueTask<int> ReadDirAsync(FuseRequestContext context, FuseReadIn arguments, FuseDirectoryWriter entries, CancellationToken cancellationToken)
    {
        if (context.NodeId != FuseAbi.RootNodeId)
        {
            return new(Errno.ENOENT);
        }

        foreach (var (cookie, node, name) in Listing(arguments.Offset))
        {
            if (!entries.TryAdd(node, cookie, UnixFileModes.TypeOf(Attr(node).Mode), name))
            {
                break;
            }
        }

        return new(0);
    }

    public override ValueTask<int> ReadDirPlusAsync(FuseRequestContext context, FuseReadIn arguments, FuseDirectoryWriter entries, CancellationToken cancellationToken)
    {
        if (context.NodeId != FuseAbi.RootNodeId)
        {
            return new(Errno.ENOENT);
        }

        foreach (var (cookie, node, name) in Listing(arguments.Offset))
        {
            // "." and ".." carry no entry (node id 0): the kernel takes no lookup reference for them.
            var entry = name is "." or ".."
                ? new FuseEntryOut { Attr = Attr(node) }
                : FuseEntryOut.Create(node, Attr(node), Ttl, Ttl);
            if (!entries.TryAddPlus(entry, cookie, name))
            {
                break;
            }
        }

        return new(0);
    }

    private static IEnumerable<(ulong Cookie, ulong Node, string Name)> Listing(ulong offset) =>
        new (ulong, ulong, string)[] { (1, 1, "."), (2, 1, ".."), (3, HelloNode, "hello"), (4, SinkNode, "sink") }
            .Where(e => e.Item1 > offset);

    private static bool IsKnown(ulong node) => node is FuseAbi.RootNodeId or HelloNode or SinkNode;

    private FuseAttr Attr(ulong node)
    {
        var attr = new FuseAttr { Ino = node, NLink = 1, BlkSize = 4096 };
        attr.SetTimes(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        switch (node)
        {
            case FuseAbi.RootNodeId:
                attr.Mode = UnixFileModes.Directory | 0x1ED; // 0755
                attr.NLink = 2;
                break;
            case HelloNode:
                attr.Mode = UnixFileModes.Regular | 0x124;   // 0444
                attr.Size = (ulong)HelloBytes.Length;
                break;
            default:
                attr.Mode = UnixFileModes.Regular | 0x1B6;   // 0666
                attr.Size = (ulong)SinkSize;
                break;
        }

        attr.Blocks = (attr.Size + 511) / 512;
        return attr;
    }
}
