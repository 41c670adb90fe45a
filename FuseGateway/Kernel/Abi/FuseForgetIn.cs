using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of FORGET (struct fuse_forget_in, 8 bytes); never answered.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseForgetIn
{
    /// <summary>How many lookups of the node the kernel drops.</summary>
    public ulong NLookup;
}
