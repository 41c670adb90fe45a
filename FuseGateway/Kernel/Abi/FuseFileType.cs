namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Directory entry types (DT_* values), the file type bits of a mode shifted right by 12.</summary>
public enum FuseFileType : uint
{
    /// <summary>Type unknown; the kernel will look it up.</summary>
    Unknown = 0,

    /// <summary>Named pipe.</summary>
    Fifo = 1,

    /// <summary>Character device.</summary>
    CharDevice = 2,

    /// <summary>Directory.</summary>
    Directory = 4,

    /// <summary>Block device.</summary>
    BlockDevice = 6,

    /// <summary>Regular file.</summary>
    Regular = 8,

    /// <summary>Symbolic link.</summary>
    Symlink = 10,

    /// <summary>Socket.</summary>
    Socket = 12,
}
