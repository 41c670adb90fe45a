using WriteCache.FuseGateway.Kernel;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Throws for some nodes, synchronously or after going asynchronous; records forgets.</summary>
internal sealed class ThrowingFileSystem : FuseFileSystemBase
{
    public const ulong ThrowsSynchronously = 66;
    public const ulong ThrowsAsynchronously = 67;

    private readonly List<(ulong, ulong)> _forgotten = [];

    public IReadOnlyList<(ulong NodeId, ulong Count)> Forgotten
    {
        get
        {
            lock (_forgotten)
            {
                return _forgotten.ToArray();
            }
        }
    }

    public override ValueTask<FuseResult<FuseAttrOut>> GetAttrAsync(FuseRequestContext context, ulong? fileHandle, CancellationToken cancellationToken) =>
        context.NodeId switch
        {
            ThrowsSynchronously => throw new InvalidOperationException("synchronous failure"),
            ThrowsAsynchronously => FailLaterAsync(),
            _ => new(FuseAttrOut.Create(new FuseAttr { Ino = context.NodeId, Mode = UnixFileModes.Directory | 0x1ED }, TimeSpan.Zero)),
        };

    public override ValueTask ForgetAsync(ulong nodeId, ulong lookupCount)
    {
        if (nodeId == ThrowsSynchronously)
        {
            throw new InvalidOperationException("forget failure");
        }

        lock (_forgotten)
        {
            _forgotten.Add((nodeId, lookupCount));
        }

        return default;
    }

    private static async ValueTask<FuseResult<FuseAttrOut>> FailLaterAsync()
    {
        await Task.Yield();
        throw new IOException("asynchronous failure");
    }
}
