using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of CREATE, followed by the NUL-terminated name (struct fuse_create_in, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseCreateIn
{
    /// <summary>open(2) flags.</summary>
    public uint Flags;

    /// <summary>Mode of the new file (type and permission bits).</summary>
    public uint Mode;

    /// <summary>The caller's umask (applied already unless DONT_MASK was negotiated).</summary>
    public uint Umask;

    /// <summary>FUSE_OPEN_* flags.</summary>
    public uint OpenFlags;
}
