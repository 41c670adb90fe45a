using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary><c>rm -rf</c> of a WRITE_BACK tree through the mount while S3 is down reports exactly what is left; a repeat run once S3 is back finishes the rest.</summary>
public sealed class RecursiveDeleteTests
{
    [Fact]
    public async Task RemovalDuringAnOutageReportsWhatIsLeftAndARepeatFinishes()
    {
        await using var s3 = await S3Server.StartAsync();
        using var bucket = await S3Bucket.CreateAsync(s3.Url);
        await using var cache = await MountedCache.StartAsync(
            [.. bucket.Settings().Select(s => $"--{s.Key}={s.Value}"),
                "--WriteCache:DefaultPolicy=WRITE_BACK",
                "--Persistence:RetryInitialInterval=00:00:01",
                "--Persistence:RetryMaxInterval=00:00:02"],
            []);
        var tree = Path.Combine(cache.Mount, "tree");
        (await Shell.BashAsync($"""
            set -e
            for d in a b c; do
              mkdir -p "{tree}/$d/inner"
              for i in $(seq 1 20); do head -c $((i * 1000)) /dev/urandom > "{tree}/$d/f$i"; done
              printf x > "{tree}/$d/inner/leaf"
            done
            """)).Ok("writing the tree");
        await Eventually.HoldsAsync(async () => await bucket.CountAsync("cache/tree/") == 63, TimeSpan.FromSeconds(60), "all 63 files persisted");

        await s3.StopAsync();
        var first = await Shell.BashAsync($"rm -rf '{tree}'");

        // rm names every file it could not remove (their objects are still in the bucket), and every such file is still listed.
        Assert.NotEqual(0, first.ExitCode);
        var reported = first.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains("cannot remove", StringComparison.Ordinal) && line.Contains("Input/output error", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf('\'') + 1)..line.LastIndexOf('\'')])
            .ToHashSet();
        var left = (await Shell.BashAsync($"find '{tree}' -type f")).Ok("find").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.NotEmpty(left);
        Assert.Equal(left.Order(), reported.Order());

        await s3.StartAgainAsync();
        Assert.Equal(left.Count, await bucket.CountAsync("cache/tree/"));
        (await Shell.BashAsync($"rm -rf '{tree}'")).Ok("the repeat rm -rf");

        Assert.False(Directory.Exists(tree));
        Assert.Equal(0, await bucket.CountAsync("cache/tree/"));
    }
}
