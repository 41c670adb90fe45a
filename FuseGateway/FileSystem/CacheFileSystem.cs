using Microsoft.Extensions.Logging;
using WriteCache.Client;
using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.FuseGateway.Kernel;
using WriteCache.FuseGateway.Kernel.Abi;
using WriteCache.Policies;

namespace WriteCache.FuseGateway.FileSystem;

/// <summary>
/// What each FUSE operation means for the write cache, as grain calls. Write-once: a committed file
/// can be read, re-moded and deleted, never rewritten; rename is EIO and link EOPNOTSUPP, as the
/// architecture's errno table says.
/// </summary>
public sealed partial class CacheFileSystem(
    IGrainFactory grains,
    StoreCapacity capacity,
    GatewayOptions options,
    ILogger<CacheFileSystem> logger) : FuseFileSystemBase
{
    private const string HiddenPrefix = ".fuse_hidden";

    // A handle that writes bypasses the page cache. A shared writable mapping would otherwise be possible, and its
    // dirty pages reach us whenever the kernel writes them back, which can be after the close that committed the
    // write-once file: refused then, with nothing but the mapping's error state to show for it (numpy.memmap closes
    // its file before the array is written). With direct I/O the kernel refuses such a mapping at mmap (ENODEV);
    // writes arrive as they did, since the mount has no writeback cache.
    private const FuseOpenReplyFlags WriteOpenFlags = FuseOpenReplyFlags.DirectIo;

    private readonly NodeTable nodes = new();
    private readonly HandleTable handles = new();
    private readonly Dictionary<ulong, string> deleteOnClose = [];
    private readonly DirectoryAttributeCache directories = new(options.AttributeTimeout);

    private TimeSpan Timeout => options.AttributeTimeout;

    /// <inheritdoc />
    public override async ValueTask<FuseResult<FuseEntryOut>> LookupAsync(FuseRequestContext context, string name, CancellationToken cancellationToken)
    {
        if (DirectoryOf(context.NodeId) is not { } parent)
        {
            return new FuseError(Errno.ENOENT);
        }

        // The kernel looks every new name up before it creates it, so this also refuses creates of such names.
        if (CachePath.IsNameTooLong(name))
        {
            return new FuseError(Errno.ENAMETOOLONG);
        }

        var found = await TransientRetry.RunAsync(() => grains.Directory(parent.Path).Lookup(name));
        if (!found.IsOk)
        {
            return new FuseError(CacheErrno.Of(found.Error));
        }

        return await EntryOf(CachePath.Combine(parent.Path, name), found.Value!);
    }

    /// <inheritdoc />
    public override ValueTask ForgetAsync(ulong nodeId, ulong lookupCount)
    {
        nodes.Forget(nodeId, lookupCount);
        return default;
    }

    /// <inheritdoc />
    public override async ValueTask<FuseResult<FuseAttrOut>> GetAttrAsync(FuseRequestContext context, ulong? fileHandle, CancellationToken cancellationToken)
    {
        if (nodes.Find(context.NodeId) is not { } node)
        {
            return new FuseError(Errno.ENOENT);
        }

        var attr = await AttributesOf(node);
        return attr.IsSuccess ? FuseAttrOut.Create(attr.Value, Timeout) : new FuseError(attr.Error);
    }

    /// <inheritdoc />
    public override async ValueTask<FuseResult<FuseAttrOut>> SetAttrAsync(FuseRequestContext context, FuseSetAttrIn attributes, CancellationToken cancellationToken)
    {
        if (nodes.Find(context.NodeId) is not { } node)
        {
            return new FuseError(Errno.ENOENT);
        }

        if (attributes.Has(SetAttrValid.Size))
        {
            if (node.IsDirectory)
            {
                return new FuseError(Errno.EISDIR);
            }

            // Only the writer may change the size, and only before commit; a closed file is write-once.
            if (handles.WriteOf(node.Id) is not { Committed: false } write)
            {
                return new FuseError(Errno.EACCES);
            }

            var resized = await write.ResizeAsync((long)attributes.Size);
            if (resized != 0)
            {
                return new FuseError(resized);
            }
        }

        if ((attributes.Valid & (SetAttrValid.Mode | SetAttrValid.Uid | SetAttrValid.Gid | SetAttrValid.MTime | SetAttrValid.MTimeNow)) != 0)
        {
            // chmod, chown, touch: metadata, allowed on closed files, directories and symlinks (tar -x and cp -a set them last).
            DateTimeOffset? modified = attributes.Has(SetAttrValid.MTimeNow)
                ? DateTimeOffset.UtcNow
                : attributes.Has(SetAttrValid.MTime)
                    ? DateTimeOffset.UnixEpoch.AddSeconds(attributes.MTime).AddTicks(attributes.MTimeNsec / 100)
                    : null;
            uint? mode = attributes.Has(SetAttrValid.Mode) ? attributes.Mode & 0xFFF : null;
            uint? uid = attributes.Has(SetAttrValid.Uid) ? attributes.Uid : null;
            uint? gid = attributes.Has(SetAttrValid.Gid) ? attributes.Gid : null;
            directories.Forget(node.Path);
            // Setting the same attributes twice is harmless, so a call that met a departing silo is repeated.
            var error = node.IsDirectory
                ? (await TransientRetry.RunAsync(() => grains.Directory(node.Path).SetMetadata(mode, uid, gid, modified))).Error
                : (await TransientRetry.RunAsync(() => grains.File(node.Path).SetMetadata(mode, uid, gid, modified))).Error;
            if (error != CacheError.None)
            {
                return new FuseError(CacheErrno.Of(error));
            }
        }

        var attr = await AttributesOf(node);
        return attr.IsSuccess ? FuseAttrOut.Create(attr.Value, Timeout) : new FuseError(attr.Error);
    }

    /// <inheritdoc />
    public override async ValueTask<FuseResult<FuseEntryOut>> SymlinkAsync(FuseRequestContext context, string name, string target, CancellationToken cancellationToken)
    {
        if (DirectoryOf(context.NodeId) is not { } parent)
        {
            return new FuseError(Errno.ENOENT);
        }

        if (!CachePath.IsValidName(name))
        {
            return new FuseError(CachePath.IsNameTooLong(name) ? Errno.ENAMETOOLONG : Errno.EINVAL);
        }

        // The link names its own incarnation, so a retry while a silo goes away answers the same instead of EEXIST.
        var path = CachePath.Combine(parent.Path, name);
        var request = new SymlinkRequest(target, context.Uid, context.Gid, Guid.NewGuid());
        var created = await TransientRetry.RunAsync(() => grains.File(path).CreateSymlink(request));
        if (!created.IsOk)
        {
            // Under WRITE_THROUGH a failed upload is EIO, as at close; the link stays and its upload is retried.
            return new FuseError(CacheErrno.Of(created.Error));
        }

        directories.Touch(parent.Path);
        var node = nodes.Remember(path, isDirectory: false);
        return FuseEntryOut.Create(node.Id, FileAttributes.OfFile(node.Id, created.Value!), Timeout, Timeout);
    }

    /// <inheritdoc />
    public override async ValueTask<FuseResult<string>> ReadLinkAsync(FuseRequestContext context, CancellationToken cancellationToken)
    {
        if (nodes.Find(context.NodeId) is not { IsDirectory: false } node)
        {
            return new FuseError(Errno.EINVAL);
        }

        var file = await TransientRetry.RunAsync(() => grains.File(node.Path).GetStatus());
        if (!file.IsOk)
        {
            return new FuseError(CacheErrno.Of(file.Error));
        }

        return file.Value!.SymlinkTarget is { } target ? target : new FuseError(Errno.EINVAL);
    }

    /// <inheritdoc />
    public override async ValueTask<FuseResult<FuseEntryOut>> MkDirAsync(FuseRequestContext context, string name, FuseMkDirIn arguments, CancellationToken cancellationToken)
    {
        if (DirectoryOf(context.NodeId) is not { } parent)
        {
            return new FuseError(Errno.ENOENT);
        }

        var (made, repeated) = await TransientRetry.RunChangeAsync(
            () => grains.Directory(parent.Path).MakeDirectory(name, arguments.Mode & ~arguments.Umask & 0xFFF, context.Uid, context.Gid));
        if (repeated && made.Error == CacheError.Exists)
        {
            // The first attempt's answer was lost with its silo: the directory it made is there now.
            var found = await TransientRetry.RunAsync(() => grains.Directory(parent.Path).Lookup(name));
            made = found.IsOk && found.Value!.Kind == EntryKind.Directory ? found : made;
        }

        if (!made.IsOk)
        {
            return new FuseError(CacheErrno.Of(made.Error));
        }

        directories.Touch(parent.Path);
        var node = nodes.Remember(CachePath.Combine(parent.Path, name), isDirectory: true);
        return FuseEntryOut.Create(node.Id, FileAttributes.OfEntry(node.Id, made.Value!), Timeout, Timeout);
    }

    /// <inheritdoc />
    public override async ValueTask<int> RmDirAsync(FuseRequestContext context, string name, CancellationToken cancellationToken)
    {
        if (DirectoryOf(context.NodeId) is not { } parent)
        {
            return Errno.ENOENT;
        }

        var removed = await RemoveRepeatablyAsync(() => grains.Directory(parent.Path).RemoveDirectory(name));
        if (removed.IsOk)
        {
            directories.Touch(parent.Path);
            directories.Forget(CachePath.Combine(parent.Path, name));
            nodes.Detach(CachePath.Combine(parent.Path, name));
        }

        return CacheErrno.Of(removed);
    }

    /// <inheritdoc />
    public override async ValueTask<int> UnlinkAsync(FuseRequestContext context, string name, CancellationToken cancellationToken)
    {
        if (DirectoryOf(context.NodeId) is not { } parent)
        {
            return Errno.ENOENT;
        }

        var path = CachePath.Combine(parent.Path, name);
        var entry = await TransientRetry.RunAsync(() => grains.Directory(parent.Path).Lookup(name));
        if (!entry.IsOk)
        {
            return CacheErrno.Of(entry.Error);
        }

        if (entry.Value!.Kind == EntryKind.Directory)
        {
            return Errno.EISDIR;
        }

        if (options.SillyRenameInterceptor && nodes.FindByPath(path) is { } node && handles.IsOpen(node.Id))
        {
            // Deleted while open, as a local file system has it: the name goes now, the content when the last handle closes.
            var hidden = await grains.Directory(parent.Path).RemoveEntry(name, EntryKind.File);
            if (!hidden.IsOk)
            {
                return CacheErrno.Of(hidden);
            }

            lock (deleteOnClose)
            {
                deleteOnClose[node.Id] = path;
            }

            directories.Touch(parent.Path);

            nodes.Detach(path);
            return 0;
        }

        var deleted = await RemoveRepeatablyAsync(() => grains.File(path).Delete());
        if (deleted.IsOk)
        {
            directories.Touch(parent.Path);
            nodes.Detach(path);
        }

        return CacheErrno.Of(deleted);
    }

    /// <inheritdoc />
    public override async ValueTask<int> RenameAsync(FuseRequestContext context, string name, ulong newParent, string newName, uint flags, CancellationToken cancellationToken)
    {
        if (options.SillyRenameInterceptor && newName.StartsWith(HiddenPrefix, StringComparison.Ordinal))
        {
            // A client hiding a deleted-but-open file: treat it as unlink with delete-on-last-close.
            return await UnlinkAsync(context, name, cancellationToken);
        }

        // renameat2 flags: RENAME_NOREPLACE (mv uses it) is honoured; EXCHANGE and WHITEOUT are refused so tools fall back.
        const uint noReplace = 1;
        if ((flags & ~noReplace) != 0)
        {
            return Errno.EINVAL;
        }

        if (DirectoryOf(context.NodeId) is not { } parent || DirectoryOf(newParent) is not { } target)
        {
            return Errno.EIO;
        }

        // Paths are identities in the cache (ARCHITECTURE.md: rename is EIO); only NO_CACHE files, which live in
        // the UFS alone, can be renamed there.
        var from = CachePath.Combine(parent.Path, name);
        var to = CachePath.Combine(target.Path, newName);
        var entry = await grains.Directory(parent.Path).Lookup(name);
        if (!entry.IsOk || entry.Value!.Kind != EntryKind.File)
        {
            return entry.IsOk ? Errno.EIO : CacheErrno.Of(entry.Error);
        }

        if ((flags & noReplace) != 0 && (await grains.Directory(target.Path).Lookup(newName)).IsOk)
        {
            return Errno.EEXIST;
        }

        var renamed = await grains.File(from).Rename(to);
        if (!renamed.IsOk)
        {
            return renamed.Error == CacheError.NotSupported ? Errno.EIO : CacheErrno.Of(renamed);
        }

        directories.Touch(parent.Path);
        directories.Touch(target.Path);
        nodes.Move(from, to);
        return 0;
    }

    /// <inheritdoc />
    public override ValueTask<FuseResult<FuseEntryOut>> LinkAsync(FuseRequestContext context, ulong oldNodeId, string newName, CancellationToken cancellationToken) =>
        new(new FuseError(Errno.EOPNOTSUPP));

    /// <inheritdoc />
    public override ValueTask<FuseResult<FuseEntryOut>> MkNodAsync(FuseRequestContext context, string name, FuseMkNodIn arguments, CancellationToken cancellationToken) =>
        new(new FuseError(Errno.EOPNOTSUPP));

    /// <inheritdoc />
    public override async ValueTask<FuseResult<FuseCreateOut>> CreateAsync(FuseRequestContext context, string name, FuseCreateIn arguments, CancellationToken cancellationToken)
    {
        if (DirectoryOf(context.NodeId) is not { } parent)
        {
            return new FuseError(Errno.ENOENT);
        }

        var path = CachePath.Combine(parent.Path, name);
        var mode = arguments.Mode & ~arguments.Umask & 0xFFF;
        var created = await CacheFileWriter.CreateAsync(grains, path, new CreateRequest(mode, context.Uid, context.Gid), options.PagesInFlight);
        if (!created.IsOk)
        {
            // Without O_EXCL an existing file is an open for writing of a write-once file.
            return new FuseError(created.Error == CacheError.Exists && (arguments.Flags & OpenFlags.Exclusive) == 0
                ? Errno.EACCES
                : CacheErrno.Of(created.Error));
        }

        directories.Touch(parent.Path);
        var node = nodes.Remember(path, isDirectory: false);
        var (handle, write) = StartWrite(context, node, created.Value!);
        var attr = FileAttributes.OfWrite(node.Id, write, mode, context.Uid, context.Gid, DateTimeOffset.UtcNow);
        return new FuseCreateOut
        {
            Entry = FuseEntryOut.Create(node.Id, attr, Timeout, Timeout),
            Open = new FuseOpenOut { Fh = handle, OpenFlags = WriteOpenFlags },
        };
    }

    /// <inheritdoc />
    public override async ValueTask<FuseResult<FuseOpenOut>> OpenAsync(FuseRequestContext context, FuseOpenIn arguments, CancellationToken cancellationToken)
    {
        if (nodes.Find(context.NodeId) is not { IsDirectory: false } node)
        {
            return new FuseError(Errno.ENOENT);
        }

        var active = handles.WriteOf(node.Id);
        if (OpenFlags.Writes(arguments.Flags) || (arguments.Flags & (OpenFlags.Truncate | OpenFlags.Append)) != 0)
        {
            // Another handle of the writer that created the file joins its write; a committed file is write-once.
            if (active is { Committed: false })
            {
                return new FuseOpenOut { Fh = handles.Add(WriteHandle.OpenedBy(node.Id, node.Path, active, context.Pid)), OpenFlags = WriteOpenFlags };
            }

            if (active is null && (arguments.Flags & OpenFlags.Truncate) != 0)
            {
                // Under NO_CACHE the file lives in the UFS alone, and O_TRUNC overwrites it there, as the UFS allows.
                var existing = await TransientRetry.RunAsync(() => grains.File(node.Path).GetStatus());
                if (existing.IsOk && existing.Value!.Policy == WritePolicy.NoCache)
                {
                    return await OverwriteNoCacheAsync(context, node, existing.Value);
                }
            }

            var opened = await TransientRetry.RunAsync(() => grains.File(node.Path).OpenForWrite());
            return new FuseError(opened.IsOk ? Errno.EACCES : CacheErrno.Of(opened.Error));
        }

        if (active is { Committed: false })
        {
            return new FuseOpenOut { Fh = handles.Add(new WriterReadHandle(node.Id, node.Path, active)), OpenFlags = FuseOpenReplyFlags.DirectIo };
        }

        var reader = await CacheFileReader.OpenAsync(grains, node.Path);
        if (!reader.IsOk)
        {
            return new FuseError(CacheErrno.Of(reader.Error));
        }

        // Committed content never changes and a re-created path gets a new node: the kernel may keep its page cache.
        return new FuseOpenOut { Fh = handles.Add(new ReadHandle(node.Id, node.Path, reader.Value!)), OpenFlags = FuseOpenReplyFlags.KeepCache };
    }

    /// <inheritdoc />
    public override async ValueTask<FuseResult<int>> ReadAsync(FuseRequestContext context, FuseReadIn arguments, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var target = destination[..(int)Math.Min(destination.Length, arguments.Size)];
        var read = handles.Find(arguments.Fh) switch
        {
            ReadHandle r => await r.Reader.ReadAsync((long)arguments.Offset, target),
            WriterReadHandle w => await w.Write.ReadAsync((long)arguments.Offset, target),
            WriteHandle w => await w.Write.ReadAsync((long)arguments.Offset, target),
            _ => CacheResult<int>.Fail(CacheError.InvalidArgument, "not a file handle"),
        };
        return read.IsOk ? read.Value : new FuseError(read.Error == CacheError.InvalidArgument ? Errno.EBADF : CacheErrno.Of(read.Error));
    }

    /// <inheritdoc />
    public override async ValueTask<FuseResult<FuseReadLoan?>> LendReadAsync(FuseRequestContext context, FuseReadIn arguments, CancellationToken cancellationToken)
    {
        // A committed file's pages are already in pooled buffers: the reply goes out from there. A writer's pages are
        // still changing, so its reads copy.
        if (handles.Find(arguments.Fh) is not ReadHandle reading)
        {
            return (FuseReadLoan?)null;
        }

        var lent = await reading.Reader.LendAsync((long)arguments.Offset, (int)Math.Min(arguments.Size, int.MaxValue));
        if (!lent.IsOk)
        {
            return new FuseError(CacheErrno.Of(lent.Error));
        }

        return lent.Value is { } loan ? new FuseReadLoan(loan.Bytes, loan) : (FuseReadLoan?)null;
    }

    /// <inheritdoc />
    public override async ValueTask<FuseResult<int>> WriteAsync(FuseRequestContext context, FuseWriteIn arguments, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (handles.Find(arguments.Fh) is not WriteHandle handle)
        {
            return new FuseError(Errno.EBADF);
        }

        var error = await handle.Write.WriteAsync((long)arguments.Offset, data);
        if (error == 0 && (arguments.Flags & OpenFlags.DataSync) != 0)
        {
            // The kernel asks for an fsync after an O_SYNC/O_DSYNC write only through the page cache; write handles are
            // direct I/O, so the write itself says so and is made durable here, as fsync(2) would.
            error = await handle.Write.FlushAsync();
        }

        return error == 0 ? data.Length : new FuseError(error);
    }

    /// <inheritdoc />
    public override async ValueTask<int> FlushAsync(FuseRequestContext context, FuseFlushIn arguments, CancellationToken cancellationToken)
    {
        if (handles.Find(arguments.Fh) is not WriteHandle handle)
        {
            return 0;
        }

        // close(2) of one descriptor: the commit happens here so the application hears of ENOSPC or EIO, and a
        // writer killed right after close loses nothing. Two closes are not the writer finishing: a forked child
        // closing its inherited copy (another pid), and a shell that dup2's the new file onto stdout and closes
        // the original before writing (nothing written yet). Those only make what was written durable.
        if (handle.Write.HasWrites && handle.IsOpenerProcess(context.Pid))
        {
            var committed = await handle.Write.CommitAsync();
            if (!committed.IsOk)
            {
                LogCommitFailed(handle.Path, committed.Error, committed.Message);
            }

            return CacheErrno.Of(committed.Error);
        }

        return await handle.Write.FlushAsync();
    }

    /// <inheritdoc />
    public override async ValueTask<int> FsyncAsync(FuseRequestContext context, FuseFsyncIn arguments, CancellationToken cancellationToken) =>
        handles.Find(arguments.Fh) is WriteHandle handle ? await handle.Write.FlushAsync() : 0;

    /// <inheritdoc />
    public override async ValueTask<int> ReleaseAsync(FuseRequestContext context, FuseReleaseIn arguments, CancellationToken cancellationToken)
    {
        var found = handles.Find(arguments.Fh);
        if (found is WriteHandle writeHandle)
        {
            // A handle that was never committed at close commits at its release; other handles of the same write get EACCES from then on.
            var committed = await writeHandle.Write.CommitAsync();
            if (!committed.IsOk)
            {
                LogCommitFailed(writeHandle.Path, committed.Error, committed.Message);
            }
        }

        var (handle, lastWrite) = handles.Remove(arguments.Fh);
        if (handle is null)
        {
            return Errno.EBADF;
        }

        if (lastWrite is not null)
        {
            await lastWrite.DisposeAsync();
        }

        if (handle is ReadHandle reading)
        {
            reading.Reader.Dispose();
        }

        string? pendingDelete = null;
        if (!handles.IsOpen(handle.NodeId))
        {
            lock (deleteOnClose)
            {
                deleteOnClose.Remove(handle.NodeId, out pendingDelete);
            }
        }

        if (pendingDelete is not null)
        {
            await grains.File(pendingDelete).Delete();
        }

        return 0;
    }

    /// <inheritdoc />
    public override ValueTask<FuseResult<FuseOpenOut>> OpenDirAsync(FuseRequestContext context, FuseOpenIn arguments, CancellationToken cancellationToken)
    {
        if (DirectoryOf(context.NodeId) is not { } directory)
        {
            return new(new FuseError(Errno.ENOENT));
        }

        return new(new FuseOpenOut { Fh = handles.Add(new DirectoryHandle(directory.Id, directory.Path)) });
    }

    /// <inheritdoc />
    public override ValueTask<int> ReadDirAsync(FuseRequestContext context, FuseReadIn arguments, FuseDirectoryWriter entries, CancellationToken cancellationToken) =>
        ListAsync(context, arguments, entries);

    /// <inheritdoc />
    public override ValueTask<int> ReadDirPlusAsync(FuseRequestContext context, FuseReadIn arguments, FuseDirectoryWriter entries, CancellationToken cancellationToken) =>
        ListAsync(context, arguments, entries);

    /// <inheritdoc />
    public override ValueTask<int> ReleaseDirAsync(FuseRequestContext context, FuseReleaseIn arguments, CancellationToken cancellationToken)
    {
        handles.Remove(arguments.Fh);
        return new(0);
    }

    /// <inheritdoc />
    public override ValueTask<int> FsyncDirAsync(FuseRequestContext context, FuseFsyncIn arguments, CancellationToken cancellationToken) => new(0);

    /// <inheritdoc />
    public override async ValueTask<FuseResult<FuseKStatFs>> StatFsAsync(FuseRequestContext context, CancellationToken cancellationToken)
    {
        var (total, used) = await capacity.GetAsync();
        const uint block = 4096;
        var free = (ulong)Math.Max(0, total - used) / block;
        return new FuseKStatFs
        {
            Blocks = (ulong)total / block,
            BFree = free,
            BAvail = free,
            // Files are metadata rows, not inodes from a table: none is ever used up. Reporting half as used (as before)
            // set off inode-usage alerts; zero files would make programs that check f_ffree think the disk is full.
            Files = 1UL << 32,
            FFree = 1UL << 32,
            BSize = block,
            FrSize = block,
            NameLen = CachePath.MaxNameLength,
        };
    }

    private async Task<FuseResult<FuseOpenOut>> OverwriteNoCacheAsync(FuseRequestContext context, NodeTable.Node node, FileDetails existing)
    {
        var deleted = await grains.File(node.Path).Delete();
        if (!deleted.IsOk)
        {
            return new FuseError(CacheErrno.Of(deleted.Error));
        }

        var created = await CacheFileWriter.CreateAsync(grains, node.Path, new CreateRequest(existing.Mode, context.Uid, context.Gid), options.PagesInFlight);
        if (!created.IsOk)
        {
            return new FuseError(CacheErrno.Of(created.Error));
        }

        directories.Touch(CachePath.Parent(node.Path));
        return new FuseOpenOut { Fh = StartWrite(context, node, created.Value!).Handle, OpenFlags = WriteOpenFlags };
    }

    /// <summary>Registers a new write of <paramref name="node"/> and its first handle, owned by the calling process.</summary>
    private (ulong Handle, ActiveWrite Write) StartWrite(FuseRequestContext context, NodeTable.Node node, CacheFileWriter writer)
    {
        var write = new ActiveWrite(writer);
        return (handles.Add(WriteHandle.OpenedBy(node.Id, node.Path, write, context.Pid)), write);
    }

    private async ValueTask<int> ListAsync(FuseRequestContext context, FuseReadIn arguments, FuseDirectoryWriter entries)
    {
        if (handles.Find(arguments.Fh) is not DirectoryHandle handle)
        {
            return Errno.EBADF;
        }

        if (handle.Listing is null || arguments.Offset == 0)
        {
            var listed = await TransientRetry.RunAsync(() => grains.Directory(handle.Path).List());
            if (!listed.IsOk)
            {
                return CacheErrno.Of(listed.Error);
            }

            handle.Listing = listed.Value!;
        }

        // Cookies: 1 is ".", 2 is "..", 2 + i + 1 follows the i-th child.
        for (var cookie = arguments.Offset; cookie < (ulong)handle.Listing.Count + 2; cookie++)
        {
            bool added;
            if (cookie < 2)
            {
                var name = cookie == 0 ? "." : "..";
                var self = new FuseAttr { Ino = handle.NodeId, Mode = UnixFileModes.Directory | 0x1ED };
                added = entries.IsPlus
                    ? entries.TryAddPlus(new FuseEntryOut { Attr = self }, cookie + 1, name)
                    : entries.TryAdd(handle.NodeId, cookie + 1, FuseFileType.Directory, name);
            }
            else
            {
                var entry = handle.Listing[(int)(cookie - 2)];
                var path = CachePath.Combine(handle.Path, entry.Name);
                var isDirectory = entry.Kind == EntryKind.Directory;
                if (entries.IsPlus)
                {
                    // Every READDIRPLUS entry counts as a lookup: remember the node, and forget it again if the entry did not fit.
                    var node = nodes.Remember(path, isDirectory);
                    added = entries.TryAddPlus(FuseEntryOut.Create(node.Id, FileAttributes.OfEntry(node.Id, entry), Timeout, Timeout), cookie + 1, entry.Name);
                    if (!added)
                    {
                        nodes.Forget(node.Id, 1);
                    }
                }
                else
                {
                    var ino = nodes.FindByPath(path)?.Id ?? ulong.MaxValue;
                    added = entries.TryAdd(ino, cookie + 1, isDirectory ? FuseFileType.Directory : FuseFileType.Regular, entry.Name);
                }
            }

            if (!added)
            {
                break;
            }
        }

        return 0;
    }

    private async Task<FuseResult<FuseEntryOut>> EntryOf(string path, DirectoryEntry entry)
    {
        var node = nodes.Remember(path, entry.Kind == EntryKind.Directory);
        if (entry.Kind == EntryKind.File && handles.WriteOf(node.Id) is { Committed: false })
        {
            var attr = await AttributesOf(node);
            return attr.IsSuccess ? FuseEntryOut.Create(node.Id, attr.Value, Timeout, Timeout) : new FuseError(attr.Error);
        }

        return FuseEntryOut.Create(node.Id, FileAttributes.OfEntry(node.Id, entry), Timeout, Timeout);
    }

    private async Task<FuseResult<FuseAttr>> AttributesOf(NodeTable.Node node)
    {
        if (node.IsDirectory)
        {
            if (directories.Find(node.Path) is { } known)
            {
                return FileAttributes.OfDirectory(node.Id, known);
            }

            var directory = await TransientRetry.RunAsync(() => grains.Directory(node.Path).GetDetails());
            if (!directory.IsOk)
            {
                return new FuseError(CacheErrno.Of(directory.Error));
            }

            directories.Store(node.Path, directory.Value!);
            return FileAttributes.OfDirectory(node.Id, directory.Value!);
        }

        var file = await TransientRetry.RunAsync(() => grains.File(node.Path).GetStatus());
        if (!file.IsOk)
        {
            return new FuseError(CacheErrno.Of(file.Error));
        }

        var details = file.Value!;
        return handles.WriteOf(node.Id) is { Committed: false } write && write.Session.Incarnation == details.Incarnation
            ? FileAttributes.OfWrite(node.Id, write, details.Mode, details.Uid, details.Gid, details.ModifiedUtc)
            : FileAttributes.OfFile(node.Id, details);
    }

    /// <summary>
    /// Runs a removal (unlink, rmdir), repeating it while a silo goes away; a repeat that finds nothing is the success
    /// of the first attempt, whose answer was lost with its silo.
    /// </summary>
    private static async Task<CacheResult> RemoveRepeatablyAsync(Func<Task<CacheResult>> remove)
    {
        var (removed, repeated) = await TransientRetry.RunChangeAsync(remove);
        return repeated && removed.Error == CacheError.NotFound ? CacheResult.Ok : removed;
    }

    private NodeTable.Node? DirectoryOf(ulong nodeId) => nodes.Find(nodeId) is { IsDirectory: true } node ? node : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commit of {Path} failed at close: {Error} {Reason}")]
    private partial void LogCommitFailed(string path, CacheError error, string? reason);
}
