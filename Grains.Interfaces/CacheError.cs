namespace WriteCache;

/// <summary>Why the cache refused an operation; the gateway maps each reason to one POSIX errno.</summary>
[GenerateSerializer]
[Alias("WriteCache.CacheError")]
public enum CacheError
{
    /// <summary>The operation succeeded.</summary>
    None = 0,

    /// <summary>No such file or directory (ENOENT).</summary>
    NotFound,

    /// <summary>The path already exists (EEXIST).</summary>
    Exists,

    /// <summary>The file is committed and write-once (EACCES).</summary>
    AccessDenied,

    /// <summary>The directory still has entries (ENOTEMPTY).</summary>
    NotEmpty,

    /// <summary>The page store cannot take more unpersisted bytes (ENOSPC).</summary>
    OutOfSpace,

    /// <summary>A path component is not a directory (ENOTDIR).</summary>
    NotDirectory,

    /// <summary>The path names a directory where a file was expected (EISDIR).</summary>
    IsDirectory,

    /// <summary>The request is malformed (EINVAL).</summary>
    InvalidArgument,

    /// <summary>The operation is not supported by the cache (EOPNOTSUPP).</summary>
    NotSupported,

    /// <summary>A storage or network failure (EIO).</summary>
    IoError,

    /// <summary>The request names an incarnation that is no longer current: the file was deleted or re-created (ESTALE).</summary>
    Stale,

    /// <summary>The path is longer than its under file system can store (ENAMETOOLONG).</summary>
    NameTooLong,
}
