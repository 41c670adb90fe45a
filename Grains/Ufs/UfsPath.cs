namespace WriteCache.Ufs;

/// <summary>Checks of the relative paths given to a UFS, shared by every implementation so they refuse the same inputs.</summary>
internal static class UfsPath
{
    /// <summary>Returns <paramref name="path"/> if it names a file: non-empty, relative, no empty, '.' or '..' segments.</summary>
    public static string File(string path, string paramName)
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        if (path.Length == 0)
        {
            throw new ArgumentException("A UFS file path must not be empty.", paramName);
        }

        CheckSegments(path, paramName);
        return path;
    }

    /// <summary>Returns <paramref name="path"/> without a trailing '/' if it names a directory; the empty path is the root.</summary>
    public static string Directory(string path, string paramName)
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        var trimmed = path.EndsWith('/') ? path[..^1] : path;
        if (trimmed.Length > 0)
        {
            CheckSegments(trimmed, paramName);
        }

        return trimmed;
    }

    /// <summary>The name after the last '/' of <paramref name="path"/>.</summary>
    public static string Name(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    private static void CheckSegments(string path, string paramName)
    {
        if (path.Contains('\0'))
        {
            throw new ArgumentException($"UFS path '{path.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character.", paramName);
        }

        if (path.StartsWith('/'))
        {
            throw new ArgumentException($"UFS path '{path}' must be relative (no leading '/').", paramName);
        }

        foreach (var segment in path.Split('/'))
        {
            // '..' could escape the root (a local directory, or another tenant's prefix); '.' and '' would give one file two names.
            if (segment is "" or "." or "..")
            {
                throw new ArgumentException($"UFS path '{path}' has an empty, '.' or '..' segment.", paramName);
            }
        }
    }
}
