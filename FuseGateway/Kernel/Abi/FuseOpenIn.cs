using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of OPEN and OPENDIR (struct fuse_open_in, 8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseOpenIn
{
    /// <summary>open(2) flags (O_RDONLY, O_WRONLY, O_APPEND, ...); O_CREAT/O_EXCL/O_NOCTTY are stripped by the kernel.</summary>
    public uint Flags;

    /// <summary>FUSE_OPEN_* flags (FUSE_OPEN_KILL_SUIDGID).</summary>
    public uint OpenFlags;
}
