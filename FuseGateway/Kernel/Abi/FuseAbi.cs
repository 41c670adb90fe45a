namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Protocol constants of the kernel's FUSE interface that are not tied to one message.</summary>
public static class FuseAbi
{
    /// <summary>The protocol major version we speak; the kernel refuses any other major.</summary>
    public const uint KernelVersion = 7;

    /// <summary>The highest protocol minor version we advertise in the INIT reply.</summary>
    /// <remarks>
    /// 7.38 is the newest minor whose additions we have read and either use or safely ignore
    /// (the Debian header on this machine stops there); the kernel (7.45) then speaks 7.38 to us.
    /// </remarks>
    public const uint MaxMinorVersion = 38;

    /// <summary>The lowest kernel minor version we accept; every struct layout here assumes at least this.</summary>
    public const uint MinMinorVersion = 31;

    /// <summary>The node id of the mount's root directory.</summary>
    public const ulong RootNodeId = 1;

    /// <summary>Size of <see cref="FuseInHeader"/> on the wire.</summary>
    public const int InHeaderSize = 40;

    /// <summary>Size of <see cref="FuseOutHeader"/> on the wire.</summary>
    public const int OutHeaderSize = 16;

    /// <summary>Size of one page, the unit of <see cref="FuseInitOut.MaxPages"/>.</summary>
    public const int PageSize = 4096;

    /// <summary>Largest errno the kernel accepts in a reply header (it rejects -512 and below).</summary>
    public const int MaxErrno = 511;

    /// <summary>The ioctl that attaches a freshly opened /dev/fuse fd to an existing session (_IOR(229, 0, uint32_t)).</summary>
    public const uint DeviceIocClone = 0x8004E500;
}
