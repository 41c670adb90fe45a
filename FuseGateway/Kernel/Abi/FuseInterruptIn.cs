using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of INTERRUPT (struct fuse_interrupt_in, 8 bytes); never answered.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseInterruptIn
{
    /// <summary>The unique id of the request to interrupt.</summary>
    public ulong Unique;
}
