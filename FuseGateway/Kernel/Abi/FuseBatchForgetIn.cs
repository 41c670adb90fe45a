using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Input of BATCH_FORGET, followed by Count FuseForgetOne records (8 bytes); never answered.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FuseBatchForgetIn
{
    /// <summary>Number of records that follow.</summary>
    public uint Count;

    /// <summary>Unused.</summary>
    public uint Dummy;
}
