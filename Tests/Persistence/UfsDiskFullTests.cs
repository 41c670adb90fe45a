using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary>
/// A local-directory UFS whose disk is full: a WRITE_THROUGH commit is refused as out of space (ENOSPC at close, as
/// on a local disk), not as an I/O error, and the file keeps its data in the cache for the retries. The UFS is a real
/// 1 MiB tmpfs mounted for the test.
/// </summary>
public sealed class UfsDiskFullTests() : ClusterTest("wcache-ufs-full")
{
    private string Ufs => Root.Combine("ufs");

    public override async Task DisposeAsync()
    {
        // Detached first (lazily: the silo may still hold a file there), so the temp directory can go with the Cluster.
        await Shell.RunAsync("umount", ["-l", Ufs], 30);
        await base.DisposeAsync();
    }

    protected override async Task<WriteCacheCluster> StartClusterAsync()
    {
        Directory.CreateDirectory(Ufs);
        (await Shell.RunAsync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", Ufs], 30)).Ok("mount tmpfs");
        return await WriteCacheCluster.StartAsync(Root.Path, siloCount: 1, new Dictionary<string, string?>
        {
            ["WriteCache:DefaultPolicy"] = "WRITE_THROUGH",
        });
    }

    [Fact]
    public async Task AWriteThroughCommitIntoAFullUfsIsOutOfSpaceAndTheFileKeepsItsData()
    {
        var fits = TestData.Bytes(300 * 1024, seed: 91);
        var tooBig = TestData.Bytes(2 * 1024 * 1024, seed: 92);

        Assert.True((await CacheFiles.WriteAsync(Client, "/fits.bin", fits)).IsOk);
        var refused = await CacheFiles.WriteAsync(Client, "/too-big.bin", tooBig);

        Assert.True(refused.Error == CacheError.OutOfSpace, $"{refused.Error}: {refused.Message}");
        Assert.NotEqual(FileStatus.Persisted, (await Client.GetGrain<IFileGrain>("/too-big.bin").GetStatus()).Value!.Status);
        Assert.Equal(TestData.Sha256(tooBig), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/too-big.bin")));
        Assert.Equal(TestData.Sha256(fits), TestData.Sha256(await File.ReadAllBytesAsync(Path.Combine(Ufs, "fits.bin"))));
    }
}
