using WriteCache.Client;
using WriteCache.Directories;

namespace WriteCache.FuseGateway.FileSystem;

/// <summary>What a kernel file handle refers to.</summary>
public abstract record OpenHandle(ulong NodeId, string Path);

/// <summary>
/// A handle writing the file (shared write state with other write handles of the same node), with the thread that
/// opened it and that thread's process (thread group), taken at open while the thread surely exists.
/// </summary>
public sealed record WriteHandle(ulong NodeId, string Path, ActiveWrite Write, uint OpenerThread, uint OpenerPid) : OpenHandle(NodeId, Path)
{
    /// <summary>A handle of <paramref name="write"/> opened by thread <paramref name="threadId"/> (the kernel's caller of OPEN or CREATE).</summary>
    public static WriteHandle OpenedBy(ulong nodeId, string path, ActiveWrite write, uint threadId) =>
        new(nodeId, path, write, threadId, ThreadGroup.Of(threadId));

    /// <summary>True when <paramref name="threadId"/> belongs to the process that opened the handle; the opening thread itself answers without a look in /proc.</summary>
    public bool IsOpenerProcess(uint threadId) => threadId == OpenerThread || ThreadGroup.Of(threadId) == OpenerPid;
}

/// <summary>A handle reading a committed file.</summary>
public sealed record ReadHandle(ulong NodeId, string Path, CacheFileReader Reader) : OpenHandle(NodeId, Path);

/// <summary>A handle reading a file that this gateway is still writing (read-your-writes).</summary>
public sealed record WriterReadHandle(ulong NodeId, string Path, ActiveWrite Write) : OpenHandle(NodeId, Path);

/// <summary>An open directory; its listing is taken at the first read so paging through it is consistent.</summary>
public sealed record DirectoryHandle(ulong NodeId, string Path) : OpenHandle(NodeId, Path)
{
    /// <summary>The listing, from the first READDIR at offset 0.</summary>
    public IReadOnlyList<DirectoryEntry>? Listing { get; set; }
}
