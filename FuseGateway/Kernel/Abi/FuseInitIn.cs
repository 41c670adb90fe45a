using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>The kernel's INIT offer (struct fuse_init_in, 64 bytes since 7.36, 16 bytes before).</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public struct FuseInitIn
{
    /// <summary>Size of the part every kernel sends; flags2 and the rest arrived with 7.36.</summary>
    public const int MinimumSize = 16;

    /// <summary>Kernel protocol major version.</summary>
    public uint Major;

    /// <summary>Kernel protocol minor version.</summary>
    public uint Minor;

    /// <summary>Largest readahead the kernel will do, in bytes.</summary>
    public uint MaxReadahead;

    /// <summary>Low 32 capability bits the kernel offers.</summary>
    public uint Flags;

    /// <summary>High 32 capability bits (valid only when <see cref="FuseInitFlags.InitExt"/> is offered).</summary>
    public uint Flags2;
}
