using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>One element of BATCH_FORGET (struct fuse_forget_one, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseForgetOne
{
    /// <summary>The node.</summary>
    public ulong NodeId;

    /// <summary>How many lookups of the node the kernel drops.</summary>
    public ulong NLookup;
}
