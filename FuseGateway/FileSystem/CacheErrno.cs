using WriteCache.FuseGateway.Kernel;

namespace WriteCache.FuseGateway.FileSystem;

/// <summary>The errno each cache refusal becomes at the mount (the table in ARCHITECTURE.md).</summary>
public static class CacheErrno
{
    /// <summary>ESTALE: the file changed incarnation under an open handle.</summary>
    public const int ESTALE = 116;

    /// <summary>The errno for <paramref name="error"/>; 0 for success.</summary>
    public static int Of(CacheError error) => error switch
    {
        CacheError.None => 0,
        CacheError.NotFound => Errno.ENOENT,
        CacheError.Exists => Errno.EEXIST,
        CacheError.AccessDenied => Errno.EACCES,
        CacheError.NotEmpty => Errno.ENOTEMPTY,
        CacheError.OutOfSpace => Errno.ENOSPC,
        CacheError.NotDirectory => Errno.ENOTDIR,
        CacheError.IsDirectory => Errno.EISDIR,
        CacheError.InvalidArgument => Errno.EINVAL,
        CacheError.NotSupported => Errno.EOPNOTSUPP,
        CacheError.Stale => ESTALE,
        CacheError.NameTooLong => Errno.ENAMETOOLONG,
        _ => Errno.EIO,
    };

    /// <summary>The errno for a failed result.</summary>
    public static int Of(CacheResult result) => Of(result.Error);
}
