using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Reply to OPEN and OPENDIR (struct fuse_open_out, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseOpenOut
{
    /// <summary>File handle chosen by the file system, passed back in READ/WRITE/RELEASE.</summary>
    public ulong Fh;

    /// <summary>How the kernel should treat this open file (direct I/O, keep cache, ...).</summary>
    public FuseOpenReplyFlags OpenFlags;

    /// <summary>Unused (backing id with passthrough).</summary>
    public uint Padding;
}
