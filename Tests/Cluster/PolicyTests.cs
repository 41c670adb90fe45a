using WriteCache.Policies;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cluster;

/// <summary>The policy table: longest prefix wins, on path-component boundaries, with a configured default.</summary>
public sealed class PolicyTests() : ClusterTest("wcache-policy")
{

    private IPolicyGrain Policies => Client.GetGrain<IPolicyGrain>(IPolicyGrain.ClusterKey);

    protected override Task<WriteCacheCluster> StartClusterAsync() =>
        WriteCacheCluster.StartAsync(Root.Path, siloCount: 1, new Dictionary<string, string?> { ["WriteCache:DefaultPolicy"] = "TRANSIENT" });

    [Fact]
    public async Task TheLongestMatchingPrefixDecidesAndUncoveredPathsGetTheDefault()
    {
        await Policies.Set("/s3", WritePolicy.WriteThrough);
        await Policies.Set("/s3/checkpoints/", WritePolicy.WriteBack);
        await Policies.Set("/s3/checkpoints/scratch", WritePolicy.Transient);

        Assert.Equal((WritePolicy.WriteBack, "/s3/checkpoints"), await Resolve("/s3/checkpoints/step-1.pt"));
        Assert.Equal((WritePolicy.Transient, "/s3/checkpoints/scratch"), await Resolve("/s3/checkpoints/scratch/a"));
        Assert.Equal((WritePolicy.WriteThrough, "/s3"), await Resolve("/s3/checkpoints-old/a"));
        Assert.Equal((WritePolicy.Transient, null), await Resolve("/local/a"));

        Assert.True((await Policies.Remove("/s3/checkpoints")).IsOk);
        Assert.Equal((WritePolicy.WriteThrough, "/s3"), await Resolve("/s3/checkpoints/step-1.pt"));
        Assert.Equal(CacheError.NotFound, (await Policies.Remove("/nowhere")).Error);
        Assert.Equal(["/s3", "/s3/checkpoints/scratch"], (await Policies.List()).Select(r => r.Prefix));
    }

    [Fact]
    public async Task ARelativePrefixIsRefused()
    {
        Assert.Equal(CacheError.InvalidArgument, (await Policies.Set("s3/x", WritePolicy.WriteBack)).Error);
        Assert.Equal(CacheError.InvalidArgument, (await Policies.Set("/a/../b", WritePolicy.WriteBack)).Error);
    }

    [Fact]
    public async Task AFileTakesThePolicyInForceWhenItIsCreated()
    {
        await Policies.Set("/scratch", WritePolicy.Transient);
        await Client.GetGrain<Directories.IDirectoryGrain>("/").MakeDirectory("scratch", 493);

        var committed = (await CacheFiles.WriteAsync(Client, "/scratch/tmp.bin", TestData.Bytes(100, seed: 41))).GetValueOrThrow();

        Assert.Equal(WritePolicy.Transient, committed.Policy);
        Assert.Equal(Files.FileStatus.Transient, committed.Status);
    }

    private async Task<(WritePolicy, string?)> Resolve(string path)
    {
        var resolved = (await Policies.Resolve(path)).GetValueOrThrow();
        return (resolved.Policy, resolved.FromPrefix);
    }
}
