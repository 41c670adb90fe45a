namespace WriteCache.Ufs;

/// <summary>
/// One UFS location (a local directory or an S3 bucket and prefix) as persistence sees it.
/// Paths are relative to the location's root: 'a/b/c.bin', no leading slash, no '.' or '..' segments
/// (those throw <see cref="ArgumentException"/>); the empty path names the root directory.
/// </summary>
public interface IUnderFileSystem
{
    /// <summary>Where this UFS stores files.</summary>
    UfsLocation Location { get; }

    /// <summary>Whether a file at <paramref name="relativePath"/> is within this UFS's length limits (an S3 key's 1,024 bytes, a local path's 4,095).</summary>
    bool CanHold(string relativePath);

    /// <summary>Starts writing a file of exactly <paramref name="size"/> bytes at <paramref name="relativePath"/>.</summary>
    Task<IUfsUpload> BeginUploadAsync(string relativePath, long size, UfsObjectMetadata metadata, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a symbolic link to <paramref name="target"/> at <paramref name="relativePath"/>, replacing what is there:
    /// a real symlink in a local directory; in S3 an object whose body is the target and whose x-amz-meta-mode carries
    /// the symlink file type (S_IFLNK, as s3fs writes them).
    /// </summary>
    Task WriteSymlinkAsync(string relativePath, string target, UfsObjectMetadata metadata, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the directory at <paramref name="relativeDirectory"/> if it is empty (a local directory left behind by
    /// deleted files; an S3 "directory marker" object), so a removed directory does not linger in listings; false when
    /// something is still in it. Nothing there is success.
    /// </summary>
    Task<bool> RemoveDirectoryAsync(string relativeDirectory, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a directory exists at <paramref name="relativeDirectory"/>, empty or not: a local directory, or in S3 any
    /// key below its prefix (an empty folder's marker object, as consoles and other tools create, counts). The root exists.
    /// </summary>
    Task<bool> DirectoryExistsAsync(string relativeDirectory, CancellationToken cancellationToken);

    /// <summary>Sets mode, owner and modification time of the file or symlink at <paramref name="relativePath"/>; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task SetMetadataAsync(string relativePath, UfsObjectMetadata metadata, CancellationToken cancellationToken);

    /// <summary>The file at <paramref name="relativePath"/>, or null when there is none (a directory is not a file).</summary>
    Task<UfsObjectInfo?> StatAsync(string relativePath, CancellationToken cancellationToken);

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length bytes from <paramref name="offset"/>; returns the count,
    /// which is short only at the end of the file (0 at or past it). Throws <see cref="FileNotFoundException"/> when the file is absent.
    /// </summary>
    Task<int> ReadAsync(string relativePath, long offset, Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>Deletes the file at <paramref name="relativePath"/>; true if there was one.</summary>
    Task<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken);

    /// <summary>The immediate children of a directory (empty when it does not exist), in no promised order.</summary>
    IAsyncEnumerable<UfsEntry> ListAsync(string relativeDirectory, CancellationToken cancellationToken);

    /// <summary>Moves a file, replacing any file at <paramref name="to"/>; throws <see cref="FileNotFoundException"/> when <paramref name="from"/> is absent.</summary>
    Task RenameAsync(string from, string to, CancellationToken cancellationToken);
}
