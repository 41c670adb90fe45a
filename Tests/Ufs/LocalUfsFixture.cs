using WriteCache.Ufs;

namespace WriteCache.Tests.Ufs;

/// <summary>A temp directory for one test class, and a <see cref="LocalDirectoryUfs"/> rooted below it.</summary>
public sealed class LocalUfsFixture : IDisposable
{
    private readonly UfsTestTempDirectory directory = new("wcache-ufs");

    /// <summary>The UFS root, which does not exist until the first upload creates it.</summary>
    public string Root => Path.Combine(directory.Path, "root");

    /// <summary>The UFS under test.</summary>
    public LocalDirectoryUfs Ufs => new(Root);

    /// <inheritdoc />
    public void Dispose() => directory.Dispose();
}
