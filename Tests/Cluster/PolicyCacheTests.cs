using WriteCache.Directories;
using WriteCache.Policies;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cluster;

/// <summary>
/// Each silo resolves the policy of a create from its own copy of the policy table, so creates do not queue on the
/// cluster's one policy grain; a change still applies to every create that starts after it returned, on every silo.
/// </summary>
public sealed class PolicyCacheTests() : ClusterTest("wcache-policy-cache")
{
    private const short Silos = 3;
    private const int Creates = 90;

    private IPolicyGrain Policies => Client.GetGrain<IPolicyGrain>(IPolicyGrain.ClusterKey);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.GetGrain<IDirectoryGrain>("/").MakeDirectory("data", 493);
    }

    protected override Task<WriteCacheCluster> StartClusterAsync() => WriteCacheCluster.StartAsync(Root.Path, Silos);

    [Fact]
    public async Task EveryCreateOnEverySiloFollowsAChangeOnceTheChangeHasReturned()
    {
        // Twelve paths spread their file grains over the three silos; each round changes the rule the silos have cached.
        var sequence = new[] { WritePolicy.Transient, WritePolicy.WriteBack, WritePolicy.Transient, WritePolicy.WriteBack };
        for (var round = 0; round < sequence.Length; round++)
        {
            Assert.True((await Policies.Set("/data", sequence[round])).IsOk);

            for (var i = 0; i < 12; i++)
            {
                var committed = (await CacheFiles.WriteAsync(Client, $"/data/r{round}-{i}.bin", TestData.Bytes(100, seed: i))).GetValueOrThrow();
                Assert.Equal(sequence[round], committed.Policy);
            }
        }

        Assert.True((await Policies.Remove("/data")).IsOk);
        var afterRemove = (await CacheFiles.WriteAsync(Client, "/data/default.bin", TestData.Bytes(10, seed: 9))).GetValueOrThrow();
        Assert.Equal(WritePolicy.WriteThrough, afterRemove.Policy); // the cluster default here
    }

    [Fact]
    public async Task ManyCreatesFetchThePolicyTableFarLessThanOncePerCreate()
    {
        await Client.GetGrain<IDirectoryGrain>("/data").MakeDirectory("fetches", 493);
        Assert.True((await Policies.Set("/data/fetches", WritePolicy.Transient)).IsOk);
        using var fetches = new CounterListener("writecache.policy.table_fetches");

        for (var i = 0; i < Creates; i++)
        {
            var committed = (await CacheFiles.WriteAsync(Client, $"/data/fetches/f{i}.bin", TestData.Bytes(50, seed: i))).GetValueOrThrow();
            Assert.Equal(WritePolicy.Transient, committed.Policy);
        }

        // One fetch per silo would do. Other test classes in this process may create files (and fetch) meanwhile, on
        // their own clusters, so the bound is loose on purpose, and still far below one fetch per create.
        Assert.InRange(fetches.Total, 1, Creates / 2);
    }
}
