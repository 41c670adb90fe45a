namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>File type bits of st_mode (S_IF*), which <see cref="FuseAttr.Mode"/> must carry.</summary>
public static class UnixFileModes
{
    /// <summary>Mask of the type bits.</summary>
    public const uint TypeMask = 0xF000;

    /// <summary>Directory.</summary>
    public const uint Directory = 0x4000;

    /// <summary>Regular file.</summary>
    public const uint Regular = 0x8000;

    /// <summary>Symbolic link.</summary>
    public const uint Symlink = 0xA000;

    /// <summary>Named pipe.</summary>
    public const uint Fifo = 0x1000;

    /// <summary>Socket.</summary>
    public const uint Socket = 0xC000;

    /// <summary>The directory entry type matching a mode.</summary>
    public static FuseFileType TypeOf(uint mode) => (FuseFileType)((mode & TypeMask) >> 12);
}
