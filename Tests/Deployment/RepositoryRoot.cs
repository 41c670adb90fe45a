namespace WriteCache.Tests.Deployment;

/// <summary>The repository's root folder: the nearest folder above the test binaries that holds Orleans.sln.</summary>
internal static class RepositoryRoot
{
    /// <summary>The root's full path.</summary>
    public static string Path { get; } = Find();

    /// <summary>A path under the root, from '/'-separated parts.</summary>
    public static string Combine(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>The path of <paramref name="fullPath"/> relative to the root, with '/' separators, for messages.</summary>
    public static string Relative(string fullPath) => System.IO.Path.GetRelativePath(Path, fullPath).Replace(System.IO.Path.DirectorySeparatorChar, '/');

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Orleans.sln.");
    }
}
