namespace WriteCache.FuseGateway.Kernel;

/// <summary>Request opcodes of the FUSE protocol (enum fuse_opcode, up to 7.45).</summary>
public enum FuseOpcode : uint
{
    /// <summary>Look a name up in a directory.</summary>
    Lookup = 1,

    /// <summary>Drop lookup references; never answered.</summary>
    Forget = 2,

    /// <summary>Read attributes.</summary>
    GetAttr = 3,

    /// <summary>Change attributes (chmod, chown, truncate, utimes).</summary>
    SetAttr = 4,

    /// <summary>Read a symlink's target.</summary>
    ReadLink = 5,

    /// <summary>Create a symlink.</summary>
    Symlink = 6,

    /// <summary>Create a file node.</summary>
    MkNod = 8,

    /// <summary>Create a directory.</summary>
    MkDir = 9,

    /// <summary>Remove a file.</summary>
    Unlink = 10,

    /// <summary>Remove a directory.</summary>
    RmDir = 11,

    /// <summary>Rename without flags.</summary>
    Rename = 12,

    /// <summary>Create a hard link.</summary>
    Link = 13,

    /// <summary>Open a file.</summary>
    Open = 14,

    /// <summary>Read file data.</summary>
    Read = 15,

    /// <summary>Write file data.</summary>
    Write = 16,

    /// <summary>File system statistics.</summary>
    StatFs = 17,

    /// <summary>Last close of an open file.</summary>
    Release = 18,

    /// <summary>Flush file data to stable storage.</summary>
    Fsync = 20,

    /// <summary>Set an extended attribute.</summary>
    SetXattr = 21,

    /// <summary>Get an extended attribute.</summary>
    GetXattr = 22,

    /// <summary>List extended attributes.</summary>
    ListXattr = 23,

    /// <summary>Remove an extended attribute.</summary>
    RemoveXattr = 24,

    /// <summary>close(2) of one descriptor.</summary>
    Flush = 25,

    /// <summary>Protocol handshake.</summary>
    Init = 26,

    /// <summary>Open a directory.</summary>
    OpenDir = 27,

    /// <summary>Read directory entries.</summary>
    ReadDir = 28,

    /// <summary>Last close of an open directory.</summary>
    ReleaseDir = 29,

    /// <summary>fsync of a directory.</summary>
    FsyncDir = 30,

    /// <summary>Test a POSIX lock.</summary>
    GetLk = 31,

    /// <summary>Set a POSIX lock.</summary>
    SetLk = 32,

    /// <summary>Set a POSIX lock, waiting.</summary>
    SetLkW = 33,

    /// <summary>access(2) check.</summary>
    Access = 34,

    /// <summary>Create and open a file.</summary>
    Create = 35,

    /// <summary>Interrupt a pending request; never answered.</summary>
    Interrupt = 36,

    /// <summary>Map a block (fuseblk only).</summary>
    BMap = 37,

    /// <summary>Connection teardown (fuseblk only).</summary>
    Destroy = 38,

    /// <summary>ioctl(2).</summary>
    Ioctl = 39,

    /// <summary>poll(2).</summary>
    Poll = 40,

    /// <summary>Answer to a retrieve notification.</summary>
    NotifyReply = 41,

    /// <summary>Drop lookup references of many nodes; never answered.</summary>
    BatchForget = 42,

    /// <summary>fallocate(2).</summary>
    Fallocate = 43,

    /// <summary>Read directory entries with their attributes.</summary>
    ReadDirPlus = 44,

    /// <summary>Rename with renameat2 flags.</summary>
    Rename2 = 45,

    /// <summary>lseek(2) with SEEK_DATA/SEEK_HOLE.</summary>
    LSeek = 46,

    /// <summary>copy_file_range(2).</summary>
    CopyFileRange = 47,

    /// <summary>DAX mapping (virtiofs).</summary>
    SetupMapping = 48,

    /// <summary>DAX unmapping (virtiofs).</summary>
    RemoveMapping = 49,

    /// <summary>syncfs(2).</summary>
    SyncFs = 50,

    /// <summary>O_TMPFILE creation.</summary>
    TmpFile = 51,

    /// <summary>statx(2); ENOSYS makes the kernel fall back to GETATTR.</summary>
    Statx = 52,

    /// <summary>Reserved opcode used by CUSE for its INIT.</summary>
    CuseInit = 4096,
}
