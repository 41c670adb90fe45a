using System.Runtime.CompilerServices;
using System.Text;
using WriteCache.Interop;

namespace WriteCache.Ufs;

/// <summary>
/// A UFS in a local directory (or a locally mounted network file system). Uploads go to a hidden temp file in the
/// target's directory and are renamed into place after fsync, so a reader sees either the old file or the whole new one.
/// </summary>
public sealed class LocalDirectoryUfs : IUnderFileSystem
{
    /// <summary>Name prefix of in-progress uploads; listings hide them, and leftovers of a crash can be swept by it.</summary>
    public const string TempPrefix = ".wcache-tmp.";

    // PATH_MAX, with the terminating NUL.
    private const int PathMax = 4096;

    // The length of TempName's names: the prefix and a Guid's 32 hex digits.
    private static readonly int TempNameLength = TempPrefix.Length + 32;

    /// <summary>A UFS rooted at <paramref name="rootDirectory"/>, an absolute path; the directory is created on first write.</summary>
    public LocalDirectoryUfs(string rootDirectory)
        : this(UfsLocation.Local(rootDirectory))
    {
    }

    /// <summary>A UFS at a local <paramref name="location"/>.</summary>
    public LocalDirectoryUfs(UfsLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != UfsKind.Local)
        {
            throw new ArgumentException($"UFS location '{location}' is not a local directory.", nameof(location));
        }

        Location = location;
        Root = location.LocalPath;
    }

    /// <summary>The absolute root directory.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public UfsLocation Location { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Linux's PATH_MAX (4,096 with the terminating NUL) bounds every path a syscall takes, the upload's temp file
    /// beside the target included; each name is bounded by the cache already.
    /// </remarks>
    public bool CanHold(string relativePath)
    {
        var path = FullPath(UfsPath.File(relativePath, nameof(relativePath)));
        var temp = Encoding.UTF8.GetByteCount(Path.GetDirectoryName(path)!) + 1 + TempNameLength;
        return Math.Max(Encoding.UTF8.GetByteCount(path), temp) < PathMax;
    }

    /// <inheritdoc />
    public Task<IUfsUpload> BeginUploadAsync(string relativePath, long size, UfsObjectMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(metadata);
        var target = FullPath(UfsPath.File(relativePath, nameof(relativePath)));
        cancellationToken.ThrowIfCancellationRequested();
        var created = CreateDirectories(Path.GetDirectoryName(target)!);
        IUfsUpload upload = new LocalUpload(target, size, metadata, created);
        return Task.FromResult(upload);
    }

    /// <inheritdoc />
    public Task WriteSymlinkAsync(string relativePath, string target, UfsObjectMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var path = FullPath(UfsPath.File(relativePath, nameof(relativePath)));
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Path.GetDirectoryName(path)!;
        var created = CreateDirectories(directory);

        // Made under a hidden name and renamed into place, like a file: whatever was there is replaced whole.
        var temp = Path.Combine(directory, TempName());
        File.CreateSymbolicLink(temp, target);
        File.Move(temp, path, overwrite: true);
        SyncDirectories(directory, created);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> RemoveDirectoryAsync(string relativeDirectory, CancellationToken cancellationToken)
    {
        var path = FullPath(UfsPath.Directory(relativeDirectory, nameof(relativeDirectory)));
        cancellationToken.ThrowIfCancellationRequested();
        if (path == Root || !Directory.Exists(path))
        {
            return Task.FromResult(true);
        }

        if (Directory.EnumerateFileSystemEntries(path).Any(e => !Path.GetFileName(e).StartsWith(TempPrefix, StringComparison.Ordinal)))
        {
            return Task.FromResult(false);
        }

        Directory.Delete(path, recursive: true);
        DirectorySync.Flush(Path.GetDirectoryName(path)!);
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<bool> DirectoryExistsAsync(string relativeDirectory, CancellationToken cancellationToken)
    {
        var path = FullPath(UfsPath.Directory(relativeDirectory, nameof(relativeDirectory)));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null);
    }

    /// <inheritdoc />
    public Task SetMetadataAsync(string relativePath, UfsObjectMetadata metadata, CancellationToken cancellationToken)
    {
        var path = FullPath(UfsPath.File(relativePath, nameof(relativePath)));
        cancellationToken.ThrowIfCancellationRequested();
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            // A symlink's own mode means nothing on Linux, and .NET sets times through the link: its target is all it keeps.
            return Task.CompletedTask;
        }

        if (!info.Exists)
        {
            throw new FileNotFoundException($"UFS file '{relativePath}' does not exist in {Location}.", path);
        }

        LocalFileAttributes.Apply(path, metadata);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<UfsObjectInfo?> StatAsync(string relativePath, CancellationToken cancellationToken)
    {
        var path = FullPath(UfsPath.File(relativePath, nameof(relativePath)));
        cancellationToken.ThrowIfCancellationRequested();
        var info = new FileInfo(path);
        if (info.LinkTarget is { } link)
        {
            var mtime = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
            var length = System.Text.Encoding.UTF8.GetByteCount(link);
            return Task.FromResult<UfsObjectInfo?>(new UfsObjectInfo(length, mtime, $"link-{length:x}-{mtime.UtcTicks:x}", new UfsObjectMetadata(0x1FF, null, null, mtime), link));
        }

        return Task.FromResult(info.Exists ? Describe(info) : null);
    }

    /// <inheritdoc />
    public async Task<int> ReadAsync(string relativePath, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var path = FullPath(UfsPath.File(relativePath, nameof(relativePath)));
        using var handle = OpenForRead(path, relativePath);
        var total = 0;
        while (total < destination.Length)
        {
            var read = await RandomAccess.ReadAsync(handle, destination[total..], offset + total, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken)
    {
        var path = FullPath(UfsPath.File(relativePath, nameof(relativePath)));
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            return Task.FromResult(false);
        }

        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Deleted concurrently along with its directory: the file is gone all the same.
            return Task.FromResult(false);
        }

        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<UfsEntry> ListAsync(string relativeDirectory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var directory = new DirectoryInfo(FullPath(UfsPath.Directory(relativeDirectory, nameof(relativeDirectory))));
        if (!directory.Exists)
        {
            yield break;
        }

        foreach (var item in directory.EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item.Name.StartsWith(TempPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (item.LinkTarget is { } link)
            {
                yield return new UfsEntry(item.Name, false, System.Text.Encoding.UTF8.GetByteCount(link), new DateTimeOffset(item.LastWriteTimeUtc, TimeSpan.Zero), IsSymlink: true);
                continue;
            }

            yield return item switch
            {
                DirectoryInfo dir => new UfsEntry(dir.Name, true, 0, new DateTimeOffset(dir.LastWriteTimeUtc, TimeSpan.Zero)),
                FileInfo file => new UfsEntry(file.Name, false, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)),
                _ => throw new InvalidOperationException($"Unexpected file system entry {item.FullName}"),
            };
        }
    }

    /// <inheritdoc />
    public Task RenameAsync(string from, string to, CancellationToken cancellationToken)
    {
        var source = FullPath(UfsPath.File(from, nameof(from)));
        var target = FullPath(UfsPath.File(to, nameof(to)));
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"UFS file '{from}' does not exist in {Location}.", source);
        }

        var targetDirectory = Path.GetDirectoryName(target)!;
        var created = CreateDirectories(targetDirectory);
        File.Move(source, target, overwrite: true);
        SyncDirectories(targetDirectory, created);
        var sourceDirectory = Path.GetDirectoryName(source)!;
        if (sourceDirectory != targetDirectory)
        {
            DirectorySync.Flush(sourceDirectory);
        }

        return Task.CompletedTask;
    }

    /// <summary>Makes the entry for a file in <paramref name="directory"/> durable, and the entries of directories created for it.</summary>
    internal static void SyncDirectories(string directory, IReadOnlyList<string> created)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        DirectorySync.Flush(directory);
        foreach (var dir in created)
        {
            // A new directory's own entry lives in its parent; without this a crash can lose the whole subtree.
            DirectorySync.Flush(Path.GetDirectoryName(dir)!);
        }
    }

    private static UfsObjectInfo Describe(FileInfo info)
    {
        var mtime = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        int? mode = OperatingSystem.IsWindows() ? null : (int)info.UnixFileMode;
        return new UfsObjectInfo(info.Length, mtime, $"{info.Length:x}-{mtime.UtcTicks:x}", new UfsObjectMetadata(mode, null, null, mtime));
    }

    private static Microsoft.Win32.SafeHandles.SafeFileHandle OpenForRead(string path, string relativePath)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FileNotFoundException($"UFS file '{relativePath}' does not exist.", path, e);
        }
    }

    /// <summary>Creates <paramref name="directory"/> and its missing ancestors; returns those it created, deepest last.</summary>
    private static List<string> CreateDirectories(string directory)
    {
        var missing = new List<string>();
        for (var dir = directory; !string.IsNullOrEmpty(dir) && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            missing.Add(dir);
        }

        if (missing.Count == 0)
        {
            // The common case of an upload: its directory is there, and a mkdir would only fail with EEXIST.
            return missing;
        }

        missing.Reverse();
        Directory.CreateDirectory(directory);
        return missing;
    }

    private string FullPath(string relativePath) => relativePath.Length == 0 ? Root : Path.Join(Root, relativePath);

    /// <summary>A fresh name for an upload in progress: the prefix and 32 hex digits.</summary>
    internal static string TempName() => TempPrefix + Guid.NewGuid().ToString("N");
}
