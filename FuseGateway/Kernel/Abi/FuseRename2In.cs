using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of RENAME2, followed by the old and new NUL-terminated names (struct fuse_rename2_in, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseRename2In
{
    /// <summary>Node id of the destination directory.</summary>
    public ulong NewDir;

    /// <summary>renameat2 flags (RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4).</summary>
    public uint Flags;

    /// <summary>Unused.</summary>
    public uint Padding;
}
