namespace WriteCache.Tests.Support;

/// <summary>The repository checkout the tests run from, for its scripts.</summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding Orleans.sln, found by walking up from the test binaries.</summary>
    public static string Path { get; } = Find();

    /// <summary>A repository-relative path ('/'-separated) made absolute.</summary>
    public static string Combine(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>An absolute path made repository-relative, '/'-separated.</summary>
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

        throw new InvalidOperationException($"No Orleans.sln above {AppContext.BaseDirectory}");
    }
}
