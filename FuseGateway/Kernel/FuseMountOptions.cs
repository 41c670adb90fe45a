namespace WriteCache.FuseGateway.Kernel;

/// <summary>How a FUSE file system is mounted.</summary>
public sealed class FuseMountOptions
{
    /// <summary>Source shown in mount tables and df. Default "writecache".</summary>
    public string FsName { get; init; } = "writecache";

    /// <summary>Type suffix: the mount shows as "fuse.{Subtype}"; empty for plain "fuse". Default "writecache".</summary>
    public string Subtype { get; init; } = "writecache";

    /// <summary>Let users other than the mounting one use the mount. Default on.</summary>
    /// <remarks>The gateway runs as a service for other users; without root it needs user_allow_other in /etc/fuse.conf.</remarks>
    public bool AllowOther { get; init; } = true;

    /// <summary>Let the kernel enforce permissions from the mode bits. Default on.</summary>
    /// <remarks>With it the kernel never sends ACCESS and checks every open itself; off makes the file system responsible.</remarks>
    public bool DefaultPermissions { get; init; } = true;

    /// <summary>Lazily unmount a FUSE mount already at the target (left by a crashed gateway) before mounting. Default on.</summary>
    public bool ReplaceStaleMount { get; init; } = true;

    /// <summary>Mount through fusermount3 even when running as root. Default off (root calls mount(2) directly).</summary>
    public bool UseFusermount { get; init; }

    /// <summary>The kernel's readahead window for sequential readers, in KiB, set once INIT is done. Default 1024; 0 keeps the kernel's.</summary>
    public int ReadAheadKiB { get; init; } = 1024;

    /// <summary>The fusermount3 program used without root. Default "fusermount3" from PATH.</summary>
    public string FusermountPath { get; init; } = "fusermount3";
}
