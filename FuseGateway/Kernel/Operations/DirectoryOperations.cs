using System.Runtime.CompilerServices;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel.Operations;

/// <summary>Operations on open directories: opendir, readdir(plus), fsyncdir, releasedir.</summary>
internal static class DirectoryOperations
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask OpenDir(FuseRequest request)
    {
        var args = request.Read<FuseOpenIn>();
        request.Reply(await request.FileSystem.OpenDirAsync(request.Context, args, request.CancellationToken).ConfigureAwait(false));
    }

    public static ValueTask ReadDir(FuseRequest request) => List(request, plus: false);

    public static ValueTask ReadDirPlus(FuseRequest request) => List(request, plus: true);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask ReleaseDir(FuseRequest request)
    {
        var args = request.Read<FuseReleaseIn>();
        request.ReplyStatus(await request.FileSystem.ReleaseDirAsync(request.Context, args, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask FsyncDir(FuseRequest request)
    {
        var args = request.Read<FuseFsyncIn>();
        request.ReplyStatus(await request.FileSystem.FsyncDirAsync(request.Context, args, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask List(FuseRequest request, bool plus)
    {
        var args = request.Read<FuseReadIn>();
        int size = (int)Math.Min(args.Size, int.MaxValue);
        if (size > request.Dispatcher.Pool.BufferSize)
        {
            request.ReplyError(Errno.EINVAL);
            return;
        }

        // Records are packed directly into the buffer the reply is sent from.
        byte[] reply = request.Dispatcher.Pool.Rent(size);
        var writer = new FuseDirectoryWriter(reply.AsMemory(0, size), plus);
        try
        {
            int status = plus
                ? await request.FileSystem.ReadDirPlusAsync(request.Context, args, writer, request.CancellationToken).ConfigureAwait(false)
                : await request.FileSystem.ReadDirAsync(request.Context, args, writer, request.CancellationToken).ConfigureAwait(false);
            if (status == 0)
            {
                request.ReplyPayload(reply.AsSpan(0, writer.Length));
            }
            else
            {
                request.ReplyError(status);
            }
        }
        finally
        {
            writer.Complete();
            request.Dispatcher.Pool.Return(reply);
        }
    }
}
