using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cluster;

/// <summary>
/// A create whose file grain lost it (its silo died after the directory took the name and before the commit) leaves
/// a reservation that no file backs. The name must stay usable: a new create takes it over, and `rm` removes it.
/// The lost create is produced by reserving the name straight on the directory grain, as the dead file grain had:
/// a real cluster cannot be made to kill exactly the file grain's silo at that moment.
/// </summary>
public sealed class LostCreateTests() : ClusterTest("wcache-lost-create")
{

    protected override Task<WriteCacheCluster> StartClusterAsync() =>
        WriteCacheCluster.StartAsync(Root.Path, siloCount: 1);

    [Fact]
    public async Task ANewCreateOfTheNameTakesOverAReservationNoFileBacks()
    {
        Assert.True((await Client.Directory("/").ReserveEntry(LostEntry("again.txt"))).IsOk);
        Assert.Equal(CacheError.NotFound, (await Client.File("/again.txt").GetStatus()).Error);

        var content = TestData.Bytes(5000, seed: 3);
        var written = await CacheFiles.WriteAsync(Client, "/again.txt", content);

        Assert.True(written.IsOk, written.ToString());
        Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/again.txt")));
        var listed = (await Client.Directory("/").Lookup("again.txt")).GetValueOrThrow();
        Assert.Equal(written.Value!.Incarnation, listed.Incarnation);
    }

    [Fact]
    public async Task ANewCreateOfTheNameTakesOverALeftoverRowItsDirectoryWrote()
    {
        // What a directory that deactivated while holding the lost reservation leaves: the row, written.
        Assert.True((await Client.Directory("/").AddEntry(LostEntry("written.txt"))).IsOk);

        var content = TestData.Bytes(700, seed: 4);
        var written = await CacheFiles.WriteAsync(Client, "/written.txt", content);

        Assert.True(written.IsOk, written.ToString());
        Assert.Equal(content, await CacheFiles.ReadAllAsync(Client, "/written.txt"));
        Assert.Equal(written.Value!.Incarnation, (await Client.Directory("/").Lookup("written.txt")).GetValueOrThrow().Incarnation);
        Assert.Equal(CacheError.Exists, (await CacheFiles.WriteAsync(Client, "/written.txt", content)).Error);
    }

    [Fact]
    public async Task RemovingANameThatNoFileBacksTakesItOutOfTheListing()
    {
        Assert.True((await Client.Directory("/").ReserveEntry(LostEntry("ghost.txt"))).IsOk);

        Assert.True((await Client.File("/ghost.txt").Delete()).IsOk);

        Assert.Equal(CacheError.NotFound, (await Client.Directory("/").Lookup("ghost.txt")).Error);
        Assert.Equal(CacheError.NotFound, (await Client.File("/ghost.txt").Delete()).Error);
    }

    private static DirectoryEntry LostEntry(string name) =>
        new(name, EntryKind.File, 0, 420, DateTimeOffset.UtcNow, FileStatus.Writing, Guid.NewGuid());
}
