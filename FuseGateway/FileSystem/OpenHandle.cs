using WriteCache.Client;
using WriteCache.Directories;

namespace WriteCache.FuseGateway.FileSystem;

/// <summary>What a kernel file handle refers to.</summary>
public abstract record OpenHandle(ulong NodeId, string Path);

/// <summary>A handle writing the file (shared write state with other write handles of the same node), and the process (thread group) that opened it.</summary>
public sealed record WriteHandle(ulong NodeId, string Path, ActiveWrite Write, uint OpenerPid) : OpenHandle(NodeId, Path);

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
