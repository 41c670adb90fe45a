namespace WriteCache.Tests.Support;

/// <summary>
/// A test class whose tests each run on a fresh in-process cluster under a temp directory of their own: started
/// before the test, stopped and removed after it, even when the test fails.
/// </summary>
public abstract class ClusterTest(string name) : IAsyncLifetime
{
    /// <summary>The directory that holds the cluster's page stores, metadata database and local UFS.</summary>
    protected TempDirectory Root { get; } = new(name);

    /// <summary>The running cluster.</summary>
    protected WriteCacheCluster Cluster { get; private set; } = null!;

    /// <summary>A client connected to the cluster, as a gateway would be.</summary>
    protected IClusterClient Client => Cluster.Client;

    /// <inheritdoc />
    public virtual async Task InitializeAsync() => Cluster = await StartClusterAsync();

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Root.Dispose();
    }

    /// <summary>Starts the cluster the tests of this class need (silos, settings) under <see cref="Root"/>.</summary>
    protected abstract Task<WriteCacheCluster> StartClusterAsync();
}
