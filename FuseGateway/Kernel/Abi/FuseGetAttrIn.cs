using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of GETATTR (struct fuse_getattr_in, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseGetAttrIn
{
    /// <summary>FUSE_GETATTR_FH when Fh is valid (fstat).</summary>
    public uint GetAttrFlags;

    /// <summary>Unused.</summary>
    public uint Dummy;

    /// <summary>File handle, valid with FUSE_GETATTR_FH.</summary>
    public ulong Fh;
}
