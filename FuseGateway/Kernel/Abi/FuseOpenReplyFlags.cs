namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>FOPEN_* bits of <see cref="FuseOpenOut.OpenFlags"/>: per open file cache policy chosen by the file system.</summary>
[Flags]
public enum FuseOpenReplyFlags : uint
{
    /// <summary>Default: page cache used, invalidated on open.</summary>
    None = 0,

    /// <summary>Bypass the page cache for this open file: every read and write goes to the server.</summary>
    DirectIo = 1 << 0,

    /// <summary>Keep cached pages across opens (the file did not change behind the kernel's back).</summary>
    KeepCache = 1 << 1,

    /// <summary>The file is not seekable.</summary>
    NonSeekable = 1 << 2,

    /// <summary>Cache directory contents (OPENDIR only).</summary>
    CacheDir = 1 << 3,

    /// <summary>Stream-like file: no file position at all.</summary>
    Stream = 1 << 4,

    /// <summary>Do not send FLUSH on close.</summary>
    NoFlush = 1 << 5,

    /// <summary>Allow concurrent direct writes to the same inode.</summary>
    ParallelDirectWrites = 1 << 6,
}
