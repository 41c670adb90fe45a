using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>The operations the FUSE protocol layer calls; one method per kernel request.</summary>
/// <remarks>
/// Every method may complete synchronously (the reply is then written inline by the reader thread) or
/// asynchronously (the reply is written by whichever thread completes it); implementations must never block.
/// Status-only operations return 0 for success or a positive errno. The <see cref="CancellationToken"/> is
/// cancelled when the kernel sends INTERRUPT for the request (the caller got a signal) or the connection ends;
/// answer <see cref="Errno.EINTR"/> (or throw <see cref="OperationCanceledException"/>) when you give up.
/// Memory arguments are only valid until the returned task completes: copy what you keep.
/// Derive from <see cref="FuseFileSystemBase"/> to get ENOSYS for everything not implemented.
/// </remarks>
public interface IFuseFileSystem
{
    /// <summary>Called once the INIT handshake is settled, before any other request; a non-zero errno fails the mount.</summary>
    ValueTask<int> InitAsync(FuseInitInfo info, CancellationToken cancellationToken);

    /// <summary>Called once when the connection ends (DESTROY, unmount or abort); no reply is possible.</summary>
    ValueTask DestroyAsync();

    /// <summary>Looks <paramref name="name"/> up in directory <c>context.NodeId</c>; each success adds one lookup reference.</summary>
    ValueTask<FuseResult<FuseEntryOut>> LookupAsync(FuseRequestContext context, string name, CancellationToken cancellationToken);

    /// <summary>The kernel dropped <paramref name="lookupCount"/> references to <paramref name="nodeId"/>; at zero the node may be freed. Never answered.</summary>
    ValueTask ForgetAsync(ulong nodeId, ulong lookupCount);

    /// <summary>Returns the attributes of <c>context.NodeId</c>; <paramref name="fileHandle"/> is set for fstat.</summary>
    ValueTask<FuseResult<FuseAttrOut>> GetAttrAsync(FuseRequestContext context, ulong? fileHandle, CancellationToken cancellationToken);

    /// <summary>Changes the attributes named in <see cref="FuseSetAttrIn.Valid"/> (truncate arrives here, also after open(O_TRUNC)).</summary>
    ValueTask<FuseResult<FuseAttrOut>> SetAttrAsync(FuseRequestContext context, FuseSetAttrIn attributes, CancellationToken cancellationToken);

    /// <summary>Returns the target of symlink <c>context.NodeId</c>.</summary>
    ValueTask<FuseResult<string>> ReadLinkAsync(FuseRequestContext context, CancellationToken cancellationToken);

    /// <summary>Creates symlink <paramref name="name"/> pointing at <paramref name="target"/> in directory <c>context.NodeId</c>.</summary>
    ValueTask<FuseResult<FuseEntryOut>> SymlinkAsync(FuseRequestContext context, string name, string target, CancellationToken cancellationToken);

    /// <summary>Creates a file node (regular file when the kernel lacks CREATE, or a fifo/device).</summary>
    ValueTask<FuseResult<FuseEntryOut>> MkNodAsync(FuseRequestContext context, string name, FuseMkNodIn arguments, CancellationToken cancellationToken);

    /// <summary>Creates directory <paramref name="name"/> in directory <c>context.NodeId</c>.</summary>
    ValueTask<FuseResult<FuseEntryOut>> MkDirAsync(FuseRequestContext context, string name, FuseMkDirIn arguments, CancellationToken cancellationToken);

    /// <summary>Removes file <paramref name="name"/>; the inode lives on until its lookups are forgotten.</summary>
    ValueTask<int> UnlinkAsync(FuseRequestContext context, string name, CancellationToken cancellationToken);

    /// <summary>Removes the empty directory <paramref name="name"/>.</summary>
    ValueTask<int> RmDirAsync(FuseRequestContext context, string name, CancellationToken cancellationToken);

    /// <summary>Renames <paramref name="name"/> in <c>context.NodeId</c> to <paramref name="newName"/> in <paramref name="newParent"/>; <paramref name="flags"/> are renameat2 flags (0 for plain rename).</summary>
    ValueTask<int> RenameAsync(FuseRequestContext context, string name, ulong newParent, string newName, uint flags, CancellationToken cancellationToken);

    /// <summary>Creates hard link <paramref name="newName"/> in directory <c>context.NodeId</c> to <paramref name="oldNodeId"/>.</summary>
    ValueTask<FuseResult<FuseEntryOut>> LinkAsync(FuseRequestContext context, ulong oldNodeId, string newName, CancellationToken cancellationToken);

    /// <summary>Opens file <c>context.NodeId</c>; the reply's flags choose direct I/O or keeping the page cache.</summary>
    ValueTask<FuseResult<FuseOpenOut>> OpenAsync(FuseRequestContext context, FuseOpenIn arguments, CancellationToken cancellationToken);

    /// <summary>Reads up to <see cref="FuseReadIn.Size"/> bytes into <paramref name="destination"/> and returns how many were written; fewer means end of file.</summary>
    /// <remarks><paramref name="destination"/> is the reply buffer itself: copying into it is the only copy a read needs.</remarks>
    ValueTask<FuseResult<int>> ReadAsync(FuseRequestContext context, FuseReadIn arguments, Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>
    /// Lends the bytes of a read to its reply when they already lie in memory the file system owns, so the reply is
    /// written from there without a copy; null when it would rather copy, and <see cref="ReadAsync"/> is called then.
    /// </summary>
    /// <remarks>Asked first for every READ. The loan holds no more than <see cref="FuseReadIn.Size"/> bytes; fewer means end of file.</remarks>
    ValueTask<FuseResult<FuseReadLoan?>> LendReadAsync(FuseRequestContext context, FuseReadIn arguments, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="data"/> at <see cref="FuseWriteIn.Offset"/> and returns the count written.</summary>
    /// <remarks><paramref name="data"/> points into the request buffer and is valid only until the returned task completes.</remarks>
    ValueTask<FuseResult<int>> WriteAsync(FuseRequestContext context, FuseWriteIn arguments, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Returns file system statistics for statfs(2)/df.</summary>
    ValueTask<FuseResult<FuseKStatFs>> StatFsAsync(FuseRequestContext context, CancellationToken cancellationToken);

    /// <summary>Last close of an open file handle; the kernel ignores the result, so durable failures belong in <see cref="FlushAsync"/>.</summary>
    ValueTask<int> ReleaseAsync(FuseRequestContext context, FuseReleaseIn arguments, CancellationToken cancellationToken);

    /// <summary>Makes the file's data (and metadata unless FDATASYNC) durable.</summary>
    ValueTask<int> FsyncAsync(FuseRequestContext context, FuseFsyncIn arguments, CancellationToken cancellationToken);

    /// <summary>close(2) of one descriptor: may come several times per handle (dup, fork); the result is what close returns.</summary>
    ValueTask<int> FlushAsync(FuseRequestContext context, FuseFlushIn arguments, CancellationToken cancellationToken);

    /// <summary>Opens directory <c>context.NodeId</c>.</summary>
    ValueTask<FuseResult<FuseOpenOut>> OpenDirAsync(FuseRequestContext context, FuseOpenIn arguments, CancellationToken cancellationToken);

    /// <summary>Lists entries after cookie <see cref="FuseReadIn.Offset"/> into <paramref name="entries"/> until it is full.</summary>
    ValueTask<int> ReadDirAsync(FuseRequestContext context, FuseReadIn arguments, FuseDirectoryWriter entries, CancellationToken cancellationToken);

    /// <summary>Like <see cref="ReadDirAsync"/> with attributes; every entry with a non-zero node id other than "." and ".." counts as a lookup.</summary>
    ValueTask<int> ReadDirPlusAsync(FuseRequestContext context, FuseReadIn arguments, FuseDirectoryWriter entries, CancellationToken cancellationToken);

    /// <summary>Last close of an open directory handle.</summary>
    ValueTask<int> ReleaseDirAsync(FuseRequestContext context, FuseReleaseIn arguments, CancellationToken cancellationToken);

    /// <summary>fsync of a directory.</summary>
    ValueTask<int> FsyncDirAsync(FuseRequestContext context, FuseFsyncIn arguments, CancellationToken cancellationToken);

    /// <summary>access(2) check of <paramref name="mask"/>; not sent when mounted with default_permissions.</summary>
    ValueTask<int> AccessAsync(FuseRequestContext context, uint mask, CancellationToken cancellationToken);

    /// <summary>Creates and opens file <paramref name="name"/> atomically; ENOSYS makes the kernel use MKNOD + OPEN from then on.</summary>
    ValueTask<FuseResult<FuseCreateOut>> CreateAsync(FuseRequestContext context, string name, FuseCreateIn arguments, CancellationToken cancellationToken);
}
