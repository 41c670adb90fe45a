using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.Policies;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cluster;

/// <summary>Stopping every silo and starting them again on the same page directories and metadata database loses nothing.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory root = new("wcache-restart");

    public void Dispose() => root.Dispose();

    [Fact]
    public Task EveryCommittedFileIsListedAndReadableAfterAFullRestartOnSqlite() =>
        WriteRestartAndCheck(new Dictionary<string, string?>());

    [Fact]
    public async Task EveryCommittedFileIsListedAndReadableAfterAFullRestartOnPostgreSql() =>
        await WriteRestartAndCheck(new Dictionary<string, string?>
        {
            ["Metadata:Provider"] = "PostgreSql",
            ["Metadata:ConnectionString"] = await PostgreSqlTestDatabase.CreateAsync(),
        });

    private async Task WriteRestartAndCheck(Dictionary<string, string?> settings)
    {
        settings["PageStore:ReplicationFactor"] = "2";
        var files = new Dictionary<string, byte[]>
        {
            ["/top.bin"] = TestData.Bytes(3 * 1024 * 1024 + 5, seed: 31),
            ["/runs/step-1.ckpt"] = TestData.Bytes(6 * 1024 * 1024, seed: 32),
            ["/runs/empty"] = [],
            ["/runs/deep/tiny.txt"] = TestData.Bytes(10, seed: 33),
        };
        var cluster = await WriteCacheCluster.StartAsync(root.Path, siloCount: 3, settings);
        try
        {
            var grains = cluster.Client;
            Assert.True((await grains.GetGrain<IDirectoryGrain>("/").MakeDirectory("runs", 493)).IsOk);
            Assert.True((await grains.GetGrain<IDirectoryGrain>("/runs").MakeDirectory("deep", 493)).IsOk);
            Assert.True((await grains.GetGrain<IPolicyGrain>(IPolicyGrain.ClusterKey).Set("/runs", WritePolicy.WriteBack)).IsOk);
            foreach (var (path, content) in files)
            {
                var written = await CacheFiles.WriteAsync(grains, path, content);
                Assert.True(written.IsOk, $"{path}: {written}");
            }

            var uncommitted = await grains.GetGrain<IFileGrain>("/runs/unfinished").Create(new CreateRequest());
            Assert.True(uncommitted.IsOk);

            await cluster.RestartAsync();
            grains = cluster.Client;

            var rootListing = (await grains.GetGrain<IDirectoryGrain>("/").List()).GetValueOrThrow();
            Assert.Equal(["runs", "top.bin"], rootListing.Select(e => e.Name));
            var runsListing = (await grains.GetGrain<IDirectoryGrain>("/runs").List()).GetValueOrThrow();
            Assert.Equal(["deep", "empty", "step-1.ckpt", "unfinished"], runsListing.Select(e => e.Name));
            Assert.Equal(FileStatus.Writing, runsListing.Single(e => e.Name == "unfinished").Status);
            foreach (var (path, content) in files)
            {
                var status = (await grains.GetGrain<IFileGrain>(path).GetStatus()).GetValueOrThrow();
                Assert.Equal(content.Length, status.Size);
                Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(grains, path)));
            }

            var policy = (await grains.GetGrain<IPolicyGrain>(IPolicyGrain.ClusterKey).Resolve("/runs/step-1.ckpt")).GetValueOrThrow();
            Assert.Equal(WritePolicy.WriteBack, policy.Policy);
            Assert.Equal("/runs", policy.FromPrefix);
            Assert.Equal(WritePolicy.WriteBack, (await grains.GetGrain<IFileGrain>("/runs/step-1.ckpt").GetStatus()).GetValueOrThrow().Policy);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
