using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of RELEASE and RELEASEDIR (struct fuse_release_in, 24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseReleaseIn
{
    /// <summary>File handle being released.</summary>
    public ulong Fh;

    /// <summary>open(2) flags of the file.</summary>
    public uint Flags;

    /// <summary>FUSE_RELEASE_* flags.</summary>
    public uint ReleaseFlags;

    /// <summary>Lock owner.</summary>
    public ulong LockOwner;
}
