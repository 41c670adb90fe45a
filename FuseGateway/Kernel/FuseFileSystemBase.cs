using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>An <see cref="IFuseFileSystem"/> that answers ENOSYS to everything; override what you implement.</summary>
/// <remarks>
/// ENOSYS is remembered by the kernel for several operations (FLUSH, FSYNC, ACCESS, CREATE, OPEN with
/// NO_OPEN_SUPPORT, ...) and never asked again on this connection, which is what an unimplemented operation wants.
/// </remarks>
public abstract class FuseFileSystemBase : IFuseFileSystem
{
    /// <summary>Accepts the negotiated settings.</summary>
    public virtual ValueTask<int> InitAsync(FuseInitInfo info, CancellationToken cancellationToken) => new(0);

    /// <summary>Does nothing.</summary>
    public virtual ValueTask DestroyAsync() => default;

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseEntryOut>> LookupAsync(FuseRequestContext context, string name, CancellationToken cancellationToken) => new(FuseResult<FuseEntryOut>.Fail(Errno.ENOSYS));

    /// <summary>Does nothing: a file system without node lifetimes has nothing to free.</summary>
    public virtual ValueTask ForgetAsync(ulong nodeId, ulong lookupCount) => default;

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseAttrOut>> GetAttrAsync(FuseRequestContext context, ulong? fileHandle, CancellationToken cancellationToken) => new(FuseResult<FuseAttrOut>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseAttrOut>> SetAttrAsync(FuseRequestContext context, FuseSetAttrIn attributes, CancellationToken cancellationToken) => new(FuseResult<FuseAttrOut>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<string>> ReadLinkAsync(FuseRequestContext context, CancellationToken cancellationToken) => new(FuseResult<string>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseEntryOut>> SymlinkAsync(FuseRequestContext context, string name, string target, CancellationToken cancellationToken) => new(FuseResult<FuseEntryOut>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseEntryOut>> MkNodAsync(FuseRequestContext context, string name, FuseMkNodIn arguments, CancellationToken cancellationToken) => new(FuseResult<FuseEntryOut>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseEntryOut>> MkDirAsync(FuseRequestContext context, string name, FuseMkDirIn arguments, CancellationToken cancellationToken) => new(FuseResult<FuseEntryOut>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> UnlinkAsync(FuseRequestContext context, string name, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> RmDirAsync(FuseRequestContext context, string name, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> RenameAsync(FuseRequestContext context, string name, ulong newParent, string newName, uint flags, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseEntryOut>> LinkAsync(FuseRequestContext context, ulong oldNodeId, string newName, CancellationToken cancellationToken) => new(FuseResult<FuseEntryOut>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseOpenOut>> OpenAsync(FuseRequestContext context, FuseOpenIn arguments, CancellationToken cancellationToken) => new(FuseResult<FuseOpenOut>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<int>> ReadAsync(FuseRequestContext context, FuseReadIn arguments, Memory<byte> destination, CancellationToken cancellationToken) => new(FuseResult<int>.Fail(Errno.ENOSYS));

    /// <summary>Lends nothing: every read copies (<see cref="ReadAsync"/>).</summary>
    public virtual ValueTask<FuseResult<FuseReadLoan?>> LendReadAsync(FuseRequestContext context, FuseReadIn arguments, CancellationToken cancellationToken) => new((FuseReadLoan?)null);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<int>> WriteAsync(FuseRequestContext context, FuseWriteIn arguments, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => new(FuseResult<int>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseKStatFs>> StatFsAsync(FuseRequestContext context, CancellationToken cancellationToken) => new(FuseResult<FuseKStatFs>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> ReleaseAsync(FuseRequestContext context, FuseReleaseIn arguments, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> FsyncAsync(FuseRequestContext context, FuseFsyncIn arguments, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> FlushAsync(FuseRequestContext context, FuseFlushIn arguments, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseOpenOut>> OpenDirAsync(FuseRequestContext context, FuseOpenIn arguments, CancellationToken cancellationToken) => new(FuseResult<FuseOpenOut>.Fail(Errno.ENOSYS));

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> ReadDirAsync(FuseRequestContext context, FuseReadIn arguments, FuseDirectoryWriter entries, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> ReadDirPlusAsync(FuseRequestContext context, FuseReadIn arguments, FuseDirectoryWriter entries, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> ReleaseDirAsync(FuseRequestContext context, FuseReleaseIn arguments, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> FsyncDirAsync(FuseRequestContext context, FuseFsyncIn arguments, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<int> AccessAsync(FuseRequestContext context, uint mask, CancellationToken cancellationToken) => new(Errno.ENOSYS);

    /// <summary>Returns ENOSYS.</summary>
    public virtual ValueTask<FuseResult<FuseCreateOut>> CreateAsync(FuseRequestContext context, string name, FuseCreateIn arguments, CancellationToken cancellationToken) => new(FuseResult<FuseCreateOut>.Fail(Errno.ENOSYS));
}
