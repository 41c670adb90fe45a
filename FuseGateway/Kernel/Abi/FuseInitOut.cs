using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Our INIT answer (struct fuse_init_out, 64 bytes; max_pages at offset 28, flags2 at 32).</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public struct FuseInitOut
{
    /// <summary>Our protocol major version.</summary>
    public uint Major;

    /// <summary>The minor version both sides will speak.</summary>
    public uint Minor;

    /// <summary>Readahead we allow, never more than the kernel offered.</summary>
    public uint MaxReadahead;

    /// <summary>Low 32 capability bits we accept (a subset of the offer).</summary>
    public uint Flags;

    /// <summary>Maximum number of background (async) requests the kernel keeps outstanding.</summary>
    public ushort MaxBackground;

    /// <summary>Background request count at which the kernel marks the bdi congested.</summary>
    public ushort CongestionThreshold;

    /// <summary>Largest WRITE payload the kernel may send.</summary>
    public uint MaxWrite;

    /// <summary>Timestamp granularity in nanoseconds.</summary>
    public uint TimeGran;

    /// <summary>Largest request size in pages; honoured only with <see cref="FuseInitFlags.MaxPages"/>.</summary>
    public ushort MaxPages;

    /// <summary>DAX mapping alignment; unused by us.</summary>
    public ushort MapAlignment;

    /// <summary>High 32 capability bits we accept (needs <see cref="FuseInitFlags.InitExt"/>).</summary>
    public uint Flags2;
}
