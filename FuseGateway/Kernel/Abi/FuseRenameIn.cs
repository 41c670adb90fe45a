using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of RENAME, followed by the old and new NUL-terminated names (struct fuse_rename_in, 8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseRenameIn
{
    /// <summary>Node id of the destination directory.</summary>
    public ulong NewDir;
}
