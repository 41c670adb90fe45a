using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of FSYNC and FSYNCDIR (struct fuse_fsync_in, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseFsyncIn
{
    /// <summary>File handle.</summary>
    public ulong Fh;

    /// <summary>FUSE_FSYNC_FDATASYNC (1) when only data, not metadata, must be durable.</summary>
    public uint FsyncFlags;

    /// <summary>Unused.</summary>
    public uint Padding;
}
