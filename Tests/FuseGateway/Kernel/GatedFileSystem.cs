using WriteCache.FuseGateway.Kernel;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>WRITE waits for the test to release it (or for the request to be interrupted): an asynchronous handler.</summary>
internal sealed class GatedFileSystem : FuseFileSystemBase
{
    private readonly TaskCompletionSource<int> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public byte[]? DataSeenAfterRelease { get; private set; }

    public void Release(int errno) => _gate.TrySetResult(errno);

    public override async ValueTask<FuseResult<int>> WriteAsync(FuseRequestContext context, FuseWriteIn arguments, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        int errno = await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        DataSeenAfterRelease = data.ToArray();
        return errno == 0 ? data.Length : new FuseError(errno);
    }
}
