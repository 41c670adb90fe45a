namespace WriteCache.Tests.Support;

/// <summary>A directory under the system temp folder, removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates a fresh directory whose name starts with <paramref name="prefix"/>.</summary>
    public TempDirectory(string prefix = "wcache")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path below the directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open by a stopping silo is left for the OS to clean.
        }
    }
}
