using System.Runtime.CompilerServices;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel.Operations;

/// <summary>Operations on one node: attributes, links, access checks, statfs, and forgetting it.</summary>
internal static class NodeOperations
{
    private const uint GetAttrFh = 1;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask GetAttr(FuseRequest request)
    {
        var args = request.Read<FuseGetAttrIn>();
        ulong? fh = (args.GetAttrFlags & GetAttrFh) != 0 ? args.Fh : null;
        request.Reply(await request.FileSystem.GetAttrAsync(request.Context, fh, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask SetAttr(FuseRequest request)
    {
        var args = request.Read<FuseSetAttrIn>();
        request.Reply(await request.FileSystem.SetAttrAsync(request.Context, args, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask ReadLink(FuseRequest request)
    {
        var result = await request.FileSystem.ReadLinkAsync(request.Context, request.CancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            request.ReplyString(result.Value);
        }
        else
        {
            request.ReplyError(result.Error);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Access(FuseRequest request)
    {
        var args = request.Read<FuseAccessIn>();
        request.ReplyStatus(await request.FileSystem.AccessAsync(request.Context, args.Mask, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask StatFs(FuseRequest request)
    {
        request.Reply(await request.FileSystem.StatFsAsync(request.Context, request.CancellationToken).ConfigureAwait(false));
    }

    public static ValueTask Forget(FuseRequest request)
    {
        var args = request.Read<FuseForgetIn>();
        return request.FileSystem.ForgetAsync(request.Header.NodeId, args.NLookup);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask BatchForget(FuseRequest request)
    {
        var args = request.Read<FuseBatchForgetIn>();
        int recordSize = Unsafe.SizeOf<FuseForgetOne>();
        int headerSize = Unsafe.SizeOf<FuseBatchForgetIn>();

        // A count larger than the frame holds would be a kernel bug; forget what is actually there, since
        // no reply (not even an error) may be sent for this opcode.
        long available = (request.BodyLength - headerSize) / recordSize;
        int count = (int)Math.Min(args.Count, available);
        for (int i = 0; i < count; i++)
        {
            var one = ReadForget(request, headerSize + (i * recordSize));
            await request.FileSystem.ForgetAsync(one.NodeId, one.NLookup).ConfigureAwait(false);
        }
    }

    private static FuseForgetOne ReadForget(FuseRequest request, int offset) =>
        System.Runtime.InteropServices.MemoryMarshal.Read<FuseForgetOne>(request.Body[offset..]);
}
