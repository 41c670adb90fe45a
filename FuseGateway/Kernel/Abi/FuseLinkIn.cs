using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of LINK, followed by the new NUL-terminated name (struct fuse_link_in, 8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseLinkIn
{
    /// <summary>Node id of the existing inode to link.</summary>
    public ulong OldNodeId;
}
