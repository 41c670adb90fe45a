using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.FileSystem;

/// <summary>Turns what the grains say about a file or directory into the kernel's attribute record.</summary>
public static class FileAttributes
{
    private const uint BlockSize = 4096;

    /// <summary>Attributes of a file from its grain.</summary>
    public static FuseAttr OfFile(ulong nodeId, FileDetails file) =>
        Build(nodeId, (file.SymlinkTarget is null ? UnixFileModes.Regular : UnixFileModes.Symlink) | file.Mode, file.Size, file.ModifiedUtc, file.Uid, file.Gid, links: 1);

    /// <summary>Attributes of a file being written here, from its writer.</summary>
    public static FuseAttr OfWrite(ulong nodeId, ActiveWrite write, uint mode, uint uid, uint gid, DateTimeOffset modified) =>
        Build(nodeId, UnixFileModes.Regular | mode, write.Size, modified, uid, gid, links: 1);

    /// <summary>Attributes of a directory entry as its parent lists it.</summary>
    public static FuseAttr OfEntry(ulong nodeId, DirectoryEntry entry) => entry.Kind switch
    {
        EntryKind.Directory => Build(nodeId, UnixFileModes.Directory | entry.Mode, 4096, entry.ModifiedUtc, entry.Uid, entry.Gid, links: 2),
        EntryKind.Symlink => Build(nodeId, UnixFileModes.Symlink | entry.Mode, entry.Size, entry.ModifiedUtc, entry.Uid, entry.Gid, links: 1),
        _ => Build(nodeId, UnixFileModes.Regular | entry.Mode, entry.Size, entry.ModifiedUtc, entry.Uid, entry.Gid, links: 1),
    };

    /// <summary>Attributes of a directory from its grain.</summary>
    public static FuseAttr OfDirectory(ulong nodeId, DirectoryDetails directory) =>
        Build(nodeId, UnixFileModes.Directory | directory.Mode, 4096, directory.ModifiedUtc, directory.Uid, directory.Gid, links: 2);

    private static FuseAttr Build(ulong nodeId, uint mode, long size, DateTimeOffset modified, uint uid, uint gid, uint links)
    {
        var attr = new FuseAttr
        {
            Ino = nodeId,
            Size = (ulong)size,
            Blocks = (ulong)((size + 511) / 512),
            Mode = mode,
            NLink = links,
            Uid = uid,
            Gid = gid,
            BlkSize = BlockSize,
        };
        attr.SetTimes(modified);
        return attr;
    }
}
