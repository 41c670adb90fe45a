using WriteCache.Client;
using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Client;

/// <summary>
/// How the writer holds pages before commit: a writer that touches pages out of order sends them to their stores as
/// it goes (at most 16 MiB of unsent pages each) instead of holding its whole file in memory until close, and the
/// file still reads back byte for byte. Two silos, one copy per page, local UFS.
/// </summary>
public sealed class CacheFileWriterTests() : ClusterTest("wcache-writer")
{
    private const int MiB = 1024 * 1024;
    private const int Block = 64 * 1024;

    protected override Task<WriteCacheCluster> StartClusterAsync() =>
        WriteCacheCluster.StartAsync(Root.Path, siloCount: 2, new Dictionary<string, string?>
        {
            ["WriteCache:DefaultPolicy"] = "TRANSIENT",
        });

    [Fact]
    public async Task AFileWrittenBackwardsReachesItsStoresWhileItIsWrittenAndReadsBackIdentical()
    {
        var content = TestData.Bytes(64 * MiB, seed: 81);
        await using var writer = await CreateAsync("/backwards.bin");
        for (var offset = content.Length - Block; offset >= 0; offset -= Block)
        {
            Assert.True((await writer.WriteAsync(offset, content.AsMemory(offset, Block))).IsOk);
        }

        // Before the commit, the pages written first are in the stores whole: the writer holds 16 pages at most.
        var incarnation = writer.Session.Incarnation;
        await Eventually.HoldsAsync(
            async () => (await StoredPagesAsync(incarnation, 32, 64, content, MiB)) == 32,
            TimeSpan.FromSeconds(30),
            "the last 32 pages of the file are in the page stores with their final bytes before the commit");

        Assert.True((await writer.CommitAsync()).IsOk);
        Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/backwards.bin")));
    }

    [Fact]
    public async Task PagesSentHalfWrittenAreReadBackAndCompletedWhenTheWriterReturnsToThem()
    {
        // First the first half of each of 40 pages, then the second halves: the writer holds 16 pages, so most are
        // sent half written and read back from their store when their second half arrives.
        var content = TestData.Bytes(40 * MiB, seed: 82);
        await using var writer = await CreateAsync("/strided.bin");
        foreach (var half in new[] { 0, MiB / 2 })
        {
            for (var page = 0; page < 40; page++)
            {
                var offset = (page * MiB) + half;
                Assert.True((await writer.WriteAsync(offset, content.AsMemory(offset, MiB / 2))).IsOk);
            }

            if (half == 0)
            {
                await Eventually.HoldsAsync(
                    async () => (await StoredPagesAsync(writer.Session.Incarnation, 0, 24, content, MiB / 2)) == 24,
                    TimeSpan.FromSeconds(30),
                    "the first 24 pages are in the page stores half written");
            }
        }

        Assert.True((await writer.CommitAsync()).IsOk);
        Assert.Equal(TestData.Sha256(content), TestData.Sha256(await CacheFiles.ReadAllAsync(Client, "/strided.bin")));
    }

    private async Task<CacheFileWriter> CreateAsync(string path) =>
        (await CacheFileWriter.CreateAsync(Client, path, new CreateRequest())).GetValueOrThrow();

    /// <summary>How many of pages [<paramref name="from"/>, <paramref name="to"/>) some store holds as the first <paramref name="pageBytes"/> bytes of that page of <paramref name="expected"/>.</summary>
    private async Task<int> StoredPagesAsync(Guid incarnation, int from, int to, byte[] expected, int pageBytes)
    {
        var matching = 0;
        for (var index = from; index < to; index++)
        {
            foreach (var store in Cluster.StoreNames)
            {
                var read = (await Cluster.PageStore(store).ReadPage(incarnation, index, 0, MiB)).Outcome;
                if (read.IsOk && read.Value.Span.SequenceEqual(expected.AsSpan(index * MiB, pageBytes)))
                {
                    matching++;
                    break;
                }
            }
        }

        return matching;
    }
}
