namespace WriteCache.Ufs;

/// <summary>Mode, owner and modification time of a file in a local-directory UFS.</summary>
internal static class LocalFileAttributes
{
    /// <summary>Applies the attributes set in <paramref name="metadata"/> to the regular file at <paramref name="path"/>.</summary>
    public static void Apply(string path, UfsObjectMetadata metadata)
    {
        // chown before chmod: chown clears the set-user-id and set-group-id bits.
        if (metadata.Uid is not null || metadata.Gid is not null)
        {
            // Best effort: only root may give a file away, and a UFS shared by many users should not fail on it.
            _ = FileOwnership.TryChange(path, metadata.Uid ?? -1, metadata.Gid ?? -1);
        }

        if (metadata.Mode is { } mode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)(mode & 0xFFF));
        }

        if (metadata.ModifiedTime is { } mtime)
        {
            File.SetLastWriteTimeUtc(path, mtime.UtcDateTime);
        }
    }
}
