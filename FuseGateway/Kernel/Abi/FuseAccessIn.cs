using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of ACCESS (struct fuse_access_in, 8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseAccessIn
{
    /// <summary>access(2) mask: R_OK = 4, W_OK = 2, X_OK = 1, F_OK = 0.</summary>
    public uint Mask;

    /// <summary>Unused.</summary>
    public uint Padding;
}
