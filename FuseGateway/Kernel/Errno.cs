namespace WriteCache.FuseGateway.Kernel;

/// <summary>Linux errno values the file system layer returns, positive as in errno.h.</summary>
public static class Errno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;

    /// <summary>No such file or directory.</summary>
    public const int ENOENT = 2;

    /// <summary>Interrupted system call.</summary>
    public const int EINTR = 4;

    /// <summary>I/O error.</summary>
    public const int EIO = 5;

    /// <summary>Bad file descriptor.</summary>
    public const int EBADF = 9;

    /// <summary>Try again.</summary>
    public const int EAGAIN = 11;

    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;

    /// <summary>File exists.</summary>
    public const int EEXIST = 17;

    /// <summary>Cross-device link.</summary>
    public const int EXDEV = 18;

    /// <summary>No such device (read on /dev/fuse after unmount).</summary>
    public const int ENODEV = 19;

    /// <summary>Not a directory.</summary>
    public const int ENOTDIR = 20;

    /// <summary>Is a directory.</summary>
    public const int EISDIR = 21;

    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;

    /// <summary>File too large.</summary>
    public const int EFBIG = 27;

    /// <summary>No space left on device.</summary>
    public const int ENOSPC = 28;

    /// <summary>Read-only file system.</summary>
    public const int EROFS = 30;

    /// <summary>Result out of range (buffer too small).</summary>
    public const int ERANGE = 34;

    /// <summary>File name too long.</summary>
    public const int ENAMETOOLONG = 36;

    /// <summary>Function not implemented.</summary>
    public const int ENOSYS = 38;

    /// <summary>Directory not empty.</summary>
    public const int ENOTEMPTY = 39;

    /// <summary>No data available (missing extended attribute).</summary>
    public const int ENODATA = 61;

    /// <summary>Protocol error.</summary>
    public const int EPROTO = 71;

    /// <summary>Illegal byte sequence (a name that is not valid UTF-8).</summary>
    public const int EILSEQ = 84;

    /// <summary>Operation not supported.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>Software caused connection abort.</summary>
    public const int ECONNABORTED = 103;

    /// <summary>Transport endpoint is not connected (a FUSE mount whose server died).</summary>
    public const int ENOTCONN = 107;

    /// <summary>Operation timed out.</summary>
    public const int ETIMEDOUT = 110;
}
