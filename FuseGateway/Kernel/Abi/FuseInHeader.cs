using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>The header the kernel puts before every request (struct fuse_in_header, 40 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseInHeader
{
    /// <summary>Total length of the request including this header and any extensions.</summary>
    public uint Len;

    /// <summary>The operation; see <see cref="FuseOpcode"/>.</summary>
    public uint Opcode;

    /// <summary>Request id, echoed in the reply; monotonic, never reused within a connection.</summary>
    public ulong Unique;

    /// <summary>The inode the operation targets (the parent directory for name operations).</summary>
    public ulong NodeId;

    /// <summary>Effective uid of the calling process.</summary>
    public uint Uid;

    /// <summary>Effective gid of the calling process.</summary>
    public uint Gid;

    /// <summary>Thread group id of the calling process (0 for kernel-originated requests).</summary>
    public uint Pid;

    /// <summary>Length of request extensions at the end of the frame, in units of 8 bytes.</summary>
    public ushort TotalExtLen;

    /// <summary>Unused.</summary>
    public ushort Padding;
}
