using System.Runtime.CompilerServices;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel.Operations;

/// <summary>Operations that take names in a directory (<c>NodeId</c> is the parent): lookup, create, remove, rename, link.</summary>
internal static class NameOperations
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Lookup(FuseRequest request)
    {
        if (!request.TryReadName(0, out string? name, out _))
        {
            return;
        }

        request.Reply(await request.FileSystem.LookupAsync(request.Context, name, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask MkNod(FuseRequest request)
    {
        var args = request.Read<FuseMkNodIn>();
        if (!request.TryReadName(Unsafe.SizeOf<FuseMkNodIn>(), out string? name, out _))
        {
            return;
        }

        request.Reply(await request.FileSystem.MkNodAsync(request.Context, name, args, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask MkDir(FuseRequest request)
    {
        var args = request.Read<FuseMkDirIn>();
        if (!request.TryReadName(Unsafe.SizeOf<FuseMkDirIn>(), out string? name, out _))
        {
            return;
        }

        request.Reply(await request.FileSystem.MkDirAsync(request.Context, name, args, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Symlink(FuseRequest request)
    {
        // The link's name comes first, then the target it points at.
        if (!request.TryReadName(0, out string? name, out int next) || !request.TryReadName(next, out string? target, out _))
        {
            return;
        }

        request.Reply(await request.FileSystem.SymlinkAsync(request.Context, name, target, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Link(FuseRequest request)
    {
        var args = request.Read<FuseLinkIn>();
        if (!request.TryReadName(Unsafe.SizeOf<FuseLinkIn>(), out string? newName, out _))
        {
            return;
        }

        request.Reply(await request.FileSystem.LinkAsync(request.Context, args.OldNodeId, newName, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Unlink(FuseRequest request)
    {
        if (!request.TryReadName(0, out string? name, out _))
        {
            return;
        }

        request.ReplyStatus(await request.FileSystem.UnlinkAsync(request.Context, name, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask RmDir(FuseRequest request)
    {
        if (!request.TryReadName(0, out string? name, out _))
        {
            return;
        }

        request.ReplyStatus(await request.FileSystem.RmDirAsync(request.Context, name, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Rename(FuseRequest request)
    {
        var args = request.Read<FuseRenameIn>();
        if (!TryReadNamePair(request, Unsafe.SizeOf<FuseRenameIn>(), out string? name, out string? newName))
        {
            return;
        }

        request.ReplyStatus(await request.FileSystem.RenameAsync(request.Context, name, args.NewDir, newName, 0, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Rename2(FuseRequest request)
    {
        var args = request.Read<FuseRename2In>();
        if (!TryReadNamePair(request, Unsafe.SizeOf<FuseRename2In>(), out string? name, out string? newName))
        {
            return;
        }

        request.ReplyStatus(await request.FileSystem.RenameAsync(request.Context, name, args.NewDir, newName, args.Flags, request.CancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask Create(FuseRequest request)
    {
        var args = request.Read<FuseCreateIn>();
        if (!request.TryReadName(Unsafe.SizeOf<FuseCreateIn>(), out string? name, out _))
        {
            return;
        }

        request.Reply(await request.FileSystem.CreateAsync(request.Context, name, args, request.CancellationToken).ConfigureAwait(false));
    }

    private static bool TryReadNamePair(FuseRequest request, int offset, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? newName)
    {
        newName = null;
        return request.TryReadName(offset, out name, out int next) && request.TryReadName(next, out newName, out _);
    }
}
