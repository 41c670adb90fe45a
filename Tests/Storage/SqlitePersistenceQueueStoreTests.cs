using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WriteCache.Storage.Sqlite;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Storage;

/// <summary>The embedded persistence queue on a real SQLite file: what is queued outlives the process that queued it.</summary>
public sealed class SqlitePersistenceQueueStoreTests : IDisposable
{
    private readonly TempDirectory directory = new("wcache-queue");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task APathQueuedBeforeARestartIsListedAfterItUntilRemoved()
    {
        var first = Open();
        await first.AddAsync("/runs/step-1.ckpt");
        await first.AddAsync("/runs/step-1.ckpt");
        await first.AddAsync("/a.txt");

        var reopened = Open();
        Assert.Equal(["/a.txt", "/runs/step-1.ckpt"], await reopened.ListAsync(null, 10));

        await reopened.RemoveAsync("/a.txt");
        await reopened.RemoveAsync("/never-queued");
        Assert.Equal(["/runs/step-1.ckpt"], await Open().ListAsync(null, 10));
    }

    [Fact]
    public async Task ListingPagesThroughEveryPathInOrdinalOrder()
    {
        var queue = Open();
        var paths = Enumerable.Range(0, 25).Select(i => $"/d{i % 3}/f{i:D2}").Append("/D/upper").Append("/é").ToList();
        foreach (var path in paths)
        {
            await queue.AddAsync(path);
        }

        var listed = new List<string>();
        string? after = null;
        for (var page = 0; page < 100; page++)
        {
            var next = await queue.ListAsync(after, 4);
            listed.AddRange(next);
            if (next.Count < 4)
            {
                break;
            }

            after = next[^1];
        }

        Assert.Equal(paths.Order(StringComparer.Ordinal), listed);
    }

    private SqlitePersistenceQueueStore Open() =>
        new(new SqliteDatabase(Path.Combine(directory.Path, "metadata.db")), Options.Create(new ClusterOptions { ServiceId = "queue-test" }));
}
