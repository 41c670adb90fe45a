using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>One silo process and one gateway process with the cache mounted, shared by the tests of a collection.</summary>
public sealed class MountedCacheFixture : IAsyncLifetime
{
    /// <summary>The running cache.</summary>
    public MountedCache Cache { get; private set; } = null!;

    /// <summary>The mount point.</summary>
    public string Mount => Cache.Mount;

    /// <inheritdoc />
    public async Task InitializeAsync() => Cache = await MountedCache.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await Cache.DisposeAsync();
}

/// <summary>Tests sharing one mounted cache.</summary>
[CollectionDefinition(Name)]
public sealed class MountedCacheCollection : ICollectionFixture<MountedCacheFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "mounted cache";
}
