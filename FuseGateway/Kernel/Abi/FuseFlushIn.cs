using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of FLUSH (struct fuse_flush_in, 24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseFlushIn
{
    /// <summary>File handle being flushed (sent on every close(2) of a descriptor).</summary>
    public ulong Fh;

    /// <summary>Unused.</summary>
    public uint Unused;

    /// <summary>Unused.</summary>
    public uint Padding;

    /// <summary>Lock owner.</summary>
    public ulong LockOwner;
}
