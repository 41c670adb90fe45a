using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Reply to LOOKUP, MKDIR, MKNOD, SYMLINK, LINK (struct fuse_entry_out, 128 bytes).</summary>
/// <remarks>Every successful entry reply with a non-zero node id counts as one lookup the kernel will later FORGET.</remarks>
[StructLayout(LayoutKind.Sequential)]
public struct FuseEntryOut
{
    /// <summary>The inode's node id; zero means "negative entry" (cache the absence of the name).</summary>
    public ulong NodeId;

    /// <summary>Generation; node id plus generation must be unique for the file system's lifetime.</summary>
    public ulong Generation;

    /// <summary>How long the kernel may cache the name, whole seconds.</summary>
    public ulong EntryValid;

    /// <summary>How long the kernel may cache the attributes, whole seconds.</summary>
    public ulong AttrValid;

    /// <summary>Nanoseconds part of <see cref="EntryValid"/>.</summary>
    public uint EntryValidNsec;

    /// <summary>Nanoseconds part of <see cref="AttrValid"/>.</summary>
    public uint AttrValidNsec;

    /// <summary>The inode's attributes.</summary>
    public FuseAttr Attr;

    /// <summary>Builds an entry with the given cache lifetimes.</summary>
    public static FuseEntryOut Create(ulong nodeId, in FuseAttr attr, TimeSpan entryTimeout, TimeSpan attrTimeout, ulong generation = 0)
    {
        var entry = new FuseEntryOut { NodeId = nodeId, Generation = generation, Attr = attr };
        (entry.EntryValid, entry.EntryValidNsec) = FuseTimeout.Split(entryTimeout);
        (entry.AttrValid, entry.AttrValidNsec) = FuseTimeout.Split(attrTimeout);
        return entry;
    }
}
