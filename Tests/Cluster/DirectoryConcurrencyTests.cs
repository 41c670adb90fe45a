using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cluster;

/// <summary>
/// Many creates in one directory at once (a job's workers writing their parts side by side): they interleave in
/// the directory grain, and a name still goes to exactly one of them, never into a directory being removed.
/// </summary>
public sealed class DirectoryConcurrencyTests() : ClusterTest("wcache-dir-concurrency")
{

    protected override Task<WriteCacheCluster> StartClusterAsync() =>
        WriteCacheCluster.StartAsync(Root.Path, siloCount: 1);

    [Fact]
    public async Task SixtyFourCreatesAtOnceInOneDirectoryAllSucceedAndAreAllListed()
    {
        Assert.True((await Client.Directory("/").MakeDirectory("parts", 493)).IsOk);

        var created = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Create($"/parts/part-{i:D5}")));

        Assert.All(created, result => Assert.True(result.IsOk, result.Message));
        var listed = (await Client.Directory("/parts").List()).GetValueOrThrow();
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"part-{i:D5}"), listed.Select(e => e.Name));
        Assert.All(listed, entry => Assert.Equal(EntryKind.File, entry.Kind));
    }

    [Fact]
    public async Task AFileAndADirectoryRacingForOneNameGetExactlyOneWinnerAndTheListingShowsIt()
    {
        var parent = Client.Directory("/");
        for (var round = 0; round < 30; round++)
        {
            var name = $"contested-{round}";
            var fileCreate = Create("/" + name);
            var directoryCreate = parent.MakeDirectory(name, 493);
            var file = await fileCreate;
            var directory = await directoryCreate;

            Assert.True(file.IsOk ^ directory.IsOk, $"round {round}: file {file.Error}, directory {directory.Error}");
            Assert.Equal(CacheError.Exists, file.IsOk ? directory.Error : file.Error);
            var entry = (await parent.Lookup(name)).GetValueOrThrow();
            Assert.Equal(file.IsOk ? EntryKind.File : EntryKind.Directory, entry.Kind);
        }
    }

    [Fact]
    public async Task AnRmdirRacingCreatesInsideEitherRemovesAnEmptyDirectoryOrFindsItNotEmpty()
    {
        var parent = Client.Directory("/");
        for (var round = 0; round < 20; round++)
        {
            var name = $"scratch-{round}";
            Assert.True((await parent.MakeDirectory(name, 493)).IsOk);

            var creating = Enumerable.Range(0, 4).Select(i => Create($"/{name}/f{i}")).ToList();
            var removing = parent.RemoveDirectory(name);
            var creates = await Task.WhenAll(creating);
            var removal = await removing;

            var made = creates.Count(c => c.IsOk);
            if (removal.IsOk)
            {
                // Removed: no create may have landed inside it.
                Assert.Equal(0, made);
                Assert.Equal(CacheError.NotFound, (await Client.Directory("/" + name).List()).Error);
                Assert.Equal(CacheError.NotFound, (await parent.Lookup(name)).Error);
            }
            else
            {
                Assert.Equal(CacheError.NotEmpty, removal.Error);
                Assert.True(made > 0, $"round {round}: rmdir found the directory not empty, yet no create succeeded");
                Assert.Equal(made, (await Client.Directory("/" + name).List()).GetValueOrThrow().Count);
            }
        }
    }

    private Task<CacheResult<WriteSession>> Create(string path) => Client.File(path).Create(new CreateRequest());
}
