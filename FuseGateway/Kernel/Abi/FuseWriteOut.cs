using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Reply to WRITE (struct fuse_write_out, 8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseWriteOut
{
    /// <summary>Number of bytes written.</summary>
    public uint Size;

    /// <summary>Unused.</summary>
    public uint Padding;
}
