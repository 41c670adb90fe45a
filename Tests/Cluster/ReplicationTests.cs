using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cluster;

/// <summary>A three-silo cluster with <c>PageStore:ReplicationFactor</c> 2.</summary>
public sealed class ReplicationTests() : ClusterTest("wcache-replication")
{

    protected override Task<WriteCacheCluster> StartClusterAsync() =>
        WriteCacheCluster.StartAsync(Root.Path, siloCount: 3, new Dictionary<string, string?> { ["PageStore:ReplicationFactor"] = "2" });

    [Fact]
    public async Task EveryPageHasTwoCopiesOnDistinctSilosAndEachCopyIsReallyStored()
    {
        var content = TestData.Bytes(64 * 1024 * 1024, seed: 11);

        var committed = (await CacheFiles.WriteAsync(Client, "/replicated.bin", content)).GetValueOrThrow();

        var held = new Dictionary<string, IReadOnlyList<int>>();
        foreach (var store in Cluster.StoreNames)
        {
            held[store] = (await Cluster.PageStore(store).ListIncarnations())
                .SingleOrDefault(i => i.Incarnation == committed.Incarnation)?.PageIndices ?? [];
        }

        for (var page = 0; page < committed.Pages.PageCount; page++)
        {
            var copies = committed.Pages.StoresOf(page);
            Assert.Equal(2, copies.Count);
            Assert.Equal(2, copies.Distinct().Count());
            foreach (var store in copies)
            {
                Assert.Contains(page, held[store]);
            }
        }

        Assert.Equal(2 * committed.Pages.PageCount, held.Values.Sum(h => h.Count));
        Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/replicated.bin")));
    }

    [Fact]
    public async Task DeleteReclaimsBothCopiesOfEveryPage()
    {
        var committed = (await CacheFiles.WriteAsync(Client, "/gone.bin", TestData.Bytes(8 * 1024 * 1024, seed: 12))).GetValueOrThrow();

        Assert.True((await Client.GetGrain<Files.IFileGrain>("/gone.bin").Delete()).IsOk);

        foreach (var store in Cluster.StoreNames)
        {
            Assert.DoesNotContain(await Cluster.PageStore(store).ListIncarnations(), i => i.Incarnation == committed.Incarnation);
        }
    }
}
