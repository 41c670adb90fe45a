using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Reply to STATFS (struct fuse_statfs_out = struct fuse_kstatfs, 80 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 80)]
public struct FuseKStatFs
{
    /// <summary>Total blocks, in units of <see cref="FrSize"/>.</summary>
    public ulong Blocks;

    /// <summary>Free blocks.</summary>
    public ulong BFree;

    /// <summary>Free blocks available to unprivileged users.</summary>
    public ulong BAvail;

    /// <summary>Total inodes.</summary>
    public ulong Files;

    /// <summary>Free inodes.</summary>
    public ulong FFree;

    /// <summary>Preferred block size.</summary>
    public uint BSize;

    /// <summary>Longest file name.</summary>
    public uint NameLen;

    /// <summary>Fragment size, the unit of the block counts.</summary>
    public uint FrSize;
}
