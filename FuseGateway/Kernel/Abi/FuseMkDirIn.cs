using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of MKDIR, followed by the NUL-terminated name (struct fuse_mkdir_in, 8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseMkDirIn
{
    /// <summary>Mode of the new directory (permission bits; the kernel may omit S_IFDIR).</summary>
    public uint Mode;

    /// <summary>The caller's umask.</summary>
    public uint Umask;
}
