using WriteCache.Files;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary>The S3 endpoint goes down for longer than three retry intervals: attempts back off, and everything persists once it returns.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task AttemptsAreSpacedByGrowingIntervalsAndAllFilesPersistAfterTheOutage()
    {
        await using var s3 = await S3Server.StartAsync();
        using var bucket = await S3Bucket.CreateAsync(s3.Url);
        using var root = new TempDirectory("wcache-outage");
        var settings = bucket.Settings();
        settings["WriteCache:DefaultPolicy"] = "WRITE_BACK";
        settings["WriteCache:OrphanCheckPeriod"] = "00:00:01";
        settings["Persistence:RetryInitialInterval"] = "00:00:01";
        settings["Persistence:RetryMaxInterval"] = "00:00:08";
        await using var cluster = await WriteCacheCluster.StartAsync(root.Path, siloCount: 2, settings);
        await s3.StopAsync();

        var files = Enumerable.Range(0, 4).ToDictionary(i => $"/outage-{i}.bin", i => TestData.Bytes((i + 1) * 700_000, seed: 70 + i));
        foreach (var (path, content) in files)
        {
            Assert.True((await CacheFiles.WriteAsync(cluster.Client, path, content)).IsOk);
        }

        // Longer than three retry intervals (1 + 2 + 4 s).
        foreach (var path in files.Keys)
        {
            await Eventually.HoldsAsync(async () => (await Status(path)).Attempts >= 4, TimeSpan.FromSeconds(60), $"four attempts of {path} while the endpoint is down");
        }

        foreach (var path in files.Keys)
        {
            var status = await Status(path);
            Assert.NotEqual(FileStatus.Persisted, status.Status);
            Assert.False(string.IsNullOrEmpty(status.LastError), $"{path} records why its attempts failed");
            Assert.NotNull(status.NextAttemptUtc);
            var times = status.AttemptTimes!;
            var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
            Assert.True(gaps.Count >= 3, $"{path}: {gaps.Count + 1} attempts");
            Assert.True(gaps[1] > gaps[0] && gaps[2] > gaps[1], $"{path}: gaps between attempts should grow: {string.Join(", ", gaps.Select(g => g.ToString("F2")))} s");
        }

        await s3.StartAgainAsync();

        foreach (var (path, content) in files)
        {
            await Eventually.HoldsAsync(
                async () => (await Status(path)).Status == FileStatus.Persisted,
                TimeSpan.FromSeconds(60),
                $"{path} is persisted once the endpoint is back");
            Assert.Equal(TestData.Sha256(content), await bucket.Sha256Async("cache" + path));
        }

        async Task<FileDetails> Status(string path) => (await cluster.Client.GetGrain<IFileGrain>(path).GetStatus()).GetValueOrThrow();
    }
}
