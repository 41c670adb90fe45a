using System.Text;

namespace WriteCache;

/// <summary>Rules for paths in the cache namespace: absolute, '/'-separated, no empty, '.' or '..' components.</summary>
public static class CachePath
{
    /// <summary>The root directory.</summary>
    public const string Root = "/";

    /// <summary>Longest name of one path component in UTF-8 bytes, as Linux's NAME_MAX: a longer one could never be written to a local UFS.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Returns the normal form of <paramref name="path"/> (no trailing slash, no repeated slashes), or null when it is not a valid absolute path.</summary>
    public static string? Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            return null;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (!IsValidName(part))
            {
                return null;
            }
        }

        return parts.Length == 0 ? Root : "/" + string.Join('/', parts);
    }

    /// <summary>True when <paramref name="name"/> can be one component of a path.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !IsNameTooLong(name) && name != "." && name != ".." && !name.Contains('/') && !name.Contains('\0');

    /// <summary>True when <paramref name="name"/> is longer than <see cref="MaxNameLength"/> UTF-8 bytes.</summary>
    public static bool IsNameTooLong(string name) =>
        name.Length > MaxNameLength || (name.Length * 3 > MaxNameLength && Encoding.UTF8.GetByteCount(name) > MaxNameLength);

    /// <summary>The parent directory of a normalized path; the root is its own parent.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? Root : path[..slash];
    }

    /// <summary>The last component of a normalized path; empty for the root.</summary>
    public static string Name(string path) => path == Root ? string.Empty : path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Joins a normalized directory path and a child name.</summary>
    public static string Combine(string directory, string name) => directory == Root ? "/" + name : directory + "/" + name;

    /// <summary>True when <paramref name="path"/> equals <paramref name="prefix"/> or lies below it.</summary>
    public static bool IsUnder(string path, string prefix) =>
        prefix == Root || path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] == '/');
}
