using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of MKNOD, followed by the NUL-terminated name (struct fuse_mknod_in, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseMkNodIn
{
    /// <summary>File type and permission bits.</summary>
    public uint Mode;

    /// <summary>Device number for device nodes.</summary>
    public uint RDev;

    /// <summary>The caller's umask.</summary>
    public uint Umask;

    /// <summary>Unused.</summary>
    public uint Padding;
}
