using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of READ, READDIR and READDIRPLUS (struct fuse_read_in, 40 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseReadIn
{
    /// <summary>File handle from OPEN/OPENDIR.</summary>
    public ulong Fh;

    /// <summary>Byte offset (READ) or directory cookie (READDIR).</summary>
    public ulong Offset;

    /// <summary>Maximum number of bytes to return.</summary>
    public uint Size;

    /// <summary>FUSE_READ_* flags.</summary>
    public uint ReadFlags;

    /// <summary>Lock owner (valid with FUSE_READ_LOCKOWNER).</summary>
    public ulong LockOwner;

    /// <summary>open(2) flags of the file.</summary>
    public uint Flags;

    /// <summary>Unused.</summary>
    public uint Padding;
}
