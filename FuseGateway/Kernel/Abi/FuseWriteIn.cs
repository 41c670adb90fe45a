using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of WRITE, followed by <see cref="Size"/> bytes of data (struct fuse_write_in, 40 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseWriteIn
{
    /// <summary>File handle from OPEN/CREATE.</summary>
    public ulong Fh;

    /// <summary>Byte offset in the file.</summary>
    public ulong Offset;

    /// <summary>Number of data bytes that follow.</summary>
    public uint Size;

    /// <summary>FUSE_WRITE_* flags (FUSE_WRITE_CACHE marks a write-back flush of cached pages).</summary>
    public uint WriteFlags;

    /// <summary>Lock owner.</summary>
    public ulong LockOwner;

    /// <summary>open(2) flags of the file.</summary>
    public uint Flags;

    /// <summary>Unused.</summary>
    public uint Padding;
}
