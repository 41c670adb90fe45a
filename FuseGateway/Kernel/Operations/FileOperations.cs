using System.Runtime.CompilerServices;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel.Operations;

/// <summary>Operations on open files: open, read, write, flush, fsync, release.</summary>
internal static class FileOperations
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Open(FuseRequest request)
    {
        var args = request.Read<FuseOpenIn>();
        request.Reply(await request.FileSystem.OpenAsync(request.Context, args, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Read(FuseRequest request)
    {
        var args = request.Read<FuseReadIn>();
        int size = (int)Math.Min(args.Size, int.MaxValue);
        if (size > request.Dispatcher.Pool.BufferSize)
        {
            // The kernel never asks for more than max_pages; a larger size is a corrupt frame, not a reason to allocate.
            request.ReplyError(Errno.EINVAL);
            return;
        }

        // Bytes the file system already holds are sent from where they lie (writev of header and loan), without a copy.
        var lent = await request.FileSystem.LendReadAsync(request.Context, args, request.CancellationToken).ConfigureAwait(false);
        if (!lent.IsSuccess)
        {
            request.ReplyError(lent.Error);
            return;
        }

        if (lent.Value is { } loan)
        {
            using (loan)
            {
                if ((uint)loan.Bytes.Length > (uint)size)
                {
                    request.Dispatcher.LogBadCount(request.Unique, "READ", loan.Bytes.Length, size);
                    request.ReplyError(Errno.EIO);
                }
                else
                {
                    request.ReplyPayload(loan.Bytes.Span);
                }
            }

            return;
        }

        // Otherwise the file system copies straight into the reply payload; the header travels separately (writev).
        byte[] reply = request.Dispatcher.Pool.Rent(size);
        try
        {
            var result = await request.FileSystem.ReadAsync(request.Context, args, reply.AsMemory(0, size), request.CancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                request.ReplyError(result.Error);
            }
            else if ((uint)result.Value > (uint)size)
            {
                request.Dispatcher.LogBadCount(request.Unique, "READ", result.Value, size);
                request.ReplyError(Errno.EIO);
            }
            else
            {
                request.ReplyPayload(reply.AsSpan(0, result.Value));
            }
        }
        finally
        {
            request.Dispatcher.Pool.Return(reply);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Write(FuseRequest request)
    {
        var args = request.Read<FuseWriteIn>();
        int headerSize = Unsafe.SizeOf<FuseWriteIn>();
        if (args.Size > (uint)(request.BodyLength - headerSize))
        {
            // The header promises more data than the frame carries.
            request.ReplyError(Errno.EINVAL);
            return;
        }

        // Zero copy: the payload is a window on the request buffer, which stays ours until this task completes.
        var data = request.BodyMemory(headerSize, (int)args.Size);
        var result = await request.FileSystem.WriteAsync(request.Context, args, data, request.CancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            request.ReplyError(result.Error);
        }
        else if ((uint)result.Value > args.Size)
        {
            request.Dispatcher.LogBadCount(request.Unique, "WRITE", result.Value, (int)args.Size);
            request.ReplyError(Errno.EIO);
        }
        else
        {
            request.Reply(new FuseWriteOut { Size = (uint)result.Value });
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Flush(FuseRequest request)
    {
        var args = request.Read<FuseFlushIn>();
        request.ReplyStatus(await request.FileSystem.FlushAsync(request.Context, args, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Fsync(FuseRequest request)
    {
        var args = request.Read<FuseFsyncIn>();
        request.ReplyStatus(await request.FileSystem.FsyncAsync(request.Context, args, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Release(FuseRequest request)
    {
        var args = request.Read<FuseReleaseIn>();
        request.ReplyStatus(await request.FileSystem.ReleaseAsync(request.Context, args, request.CancellationToken).ConfigureAwait(false));
    }
}
