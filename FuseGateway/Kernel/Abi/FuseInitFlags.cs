namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>INIT capability bits; bits 32..63 travel in the flags2 words.</summary>
[Flags]
public enum FuseInitFlags : ulong
{
    /// <summary>No capability.</summary>
    None = 0,

    /// <summary>The kernel may issue several reads of one file at once (readahead in parallel).</summary>
    AsyncRead = 1UL << 0,

    /// <summary>The file system implements POSIX locks (GETLK/SETLK).</summary>
    PosixLocks = 1UL << 1,

    /// <summary>Open passes O_TRUNC to the file system instead of a following SETATTR(size=0).</summary>
    AtomicOTrunc = 1UL << 3,

    /// <summary>The file system answers LOOKUP of "." and ".." (needed for NFS export).</summary>
    ExportSupport = 1UL << 4,

    /// <summary>Writes larger than one page.</summary>
    BigWrites = 1UL << 5,

    /// <summary>The kernel does not apply the umask itself.</summary>
    DontMask = 1UL << 6,

    /// <summary>Replies may be spliced from a pipe.</summary>
    SpliceWrite = 1UL << 7,

    /// <summary>Splice may move pages.</summary>
    SpliceMove = 1UL << 8,

    /// <summary>Requests may be spliced into a pipe.</summary>
    SpliceRead = 1UL << 9,

    /// <summary>The file system implements BSD flock.</summary>
    FlockLocks = 1UL << 10,

    /// <summary>ioctl on directories.</summary>
    HasIoctlDir = 1UL << 11,

    /// <summary>The kernel drops cached pages when it sees mtime or size change.</summary>
    AutoInvalData = 1UL << 12,

    /// <summary>READDIRPLUS is implemented.</summary>
    DoReaddirplus = 1UL << 13,

    /// <summary>The kernel chooses between READDIR and READDIRPLUS adaptively.</summary>
    ReaddirplusAuto = 1UL << 14,

    /// <summary>Direct I/O may be split into parallel requests.</summary>
    AsyncDio = 1UL << 15,

    /// <summary>The kernel caches writes and flushes them later (write-back page cache).</summary>
    WritebackCache = 1UL << 16,

    /// <summary>An ENOSYS reply to OPEN means "opens need no round trip" from then on.</summary>
    NoOpenSupport = 1UL << 17,

    /// <summary>Lookups and readdir in one directory may run concurrently.</summary>
    ParallelDirops = 1UL << 18,

    /// <summary>The file system clears suid/sgid on write/chown itself.</summary>
    HandleKillpriv = 1UL << 19,

    /// <summary>The file system enforces POSIX ACLs.</summary>
    PosixAcl = 1UL << 20,

    /// <summary>Requests on an aborted connection fail with ECONNABORTED instead of ENOTCONN.</summary>
    AbortError = 1UL << 21,

    /// <summary><see cref="FuseInitOut.MaxPages"/> is honoured.</summary>
    MaxPages = 1UL << 22,

    /// <summary>Symlink targets are cached in the page cache.</summary>
    CacheSymlinks = 1UL << 23,

    /// <summary>An ENOSYS reply to OPENDIR means "opendir needs no round trip" from then on.</summary>
    NoOpendirSupport = 1UL << 24,

    /// <summary>Only explicit invalidation drops cached data.</summary>
    ExplicitInvalData = 1UL << 25,

    /// <summary>DAX map alignment is valid.</summary>
    MapAlignment = 1UL << 26,

    /// <summary>Submounts (virtiofs).</summary>
    Submounts = 1UL << 27,

    /// <summary>Second version of kill-priv handling.</summary>
    HandleKillprivV2 = 1UL << 28,

    /// <summary>Extended setxattr input.</summary>
    SetxattrExt = 1UL << 29,

    /// <summary>The flags2 words of INIT are valid.</summary>
    InitExt = 1UL << 30,

    /// <summary>Reserved by the kernel.</summary>
    InitReserved = 1UL << 31,

    /// <summary>Security contexts are attached to create requests as extensions.</summary>
    SecurityCtx = 1UL << 32,

    /// <summary>Per-inode DAX.</summary>
    HasInodeDax = 1UL << 33,

    /// <summary>Supplementary group extension on create requests.</summary>
    CreateSuppGroup = 1UL << 34,

    /// <summary>Invalidate-without-purge notifications.</summary>
    HasExpireOnly = 1UL << 35,

    /// <summary>mmap is allowed on FOPEN_DIRECT_IO files.</summary>
    DirectIoAllowMmap = 1UL << 36,

    /// <summary>The kernel may read and write a backing file directly (7.40+).</summary>
    Passthrough = 1UL << 37,
}
