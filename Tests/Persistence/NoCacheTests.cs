using WriteCache.Tests.Support;

namespace WriteCache.Tests.Persistence;

/// <summary>NO_CACHE through the real mount: bytes go to the bucket and nothing stays in the page store; rename and O_TRUNC work there, as S3 allows.</summary>
public sealed class NoCacheTests
{
    [Fact]
    public async Task NoCacheFilesLandInTheBucketWithNoCachedPagesAndCanBeRenamedAndOverwritten()
    {
        using var bucket = await S3Bucket.CreateAsync();
        await using var cache = await MountedCache.StartAsync(
            [.. bucket.Settings().Select(s => $"--{s.Key}={s.Value}"), "--WriteCache:DefaultPolicy=NO_CACHE"],
            []);
        var source = Path.Combine(cache.Scratch, "direct.bin");
        var file = Path.Combine(cache.Mount, "direct.bin");
        (await Shell.BashAsync($"head -c 7340035 /dev/urandom > '{source}' && cp '{source}' '{file}'")).Ok("writing under NO_CACHE");
        var sha = (await Shell.BashAsync($"sha256sum < '{source}' | cut -d' ' -f1")).Ok("sha256").Stdout.Trim().ToUpperInvariant();

        Assert.Equal(sha, await bucket.Sha256Async("cache/direct.bin"));
        await using (var client = await ClusterClientHost.ConnectAsync(cache.Silo.GatewayPort))
        {
            var stats = await client.Client.GetGrain<WriteCache.Pages.IPageStoreGrain>("silo-a").GetStats();
            Assert.Equal(0, stats.PageCount);
            Assert.Equal(0, stats.UsedBytes);
        }

        (await Shell.BashAsync($"mv '{file}' '{cache.Mount}/renamed.bin'")).Ok("rename under NO_CACHE");

        Assert.Null(await bucket.Sha256Async("cache/direct.bin"));
        Assert.Equal(sha, await bucket.Sha256Async("cache/renamed.bin"));
        Assert.Equal(sha, (await Shell.BashAsync($"sha256sum < '{cache.Mount}/renamed.bin' | cut -d' ' -f1")).Ok("reading the renamed file").Stdout.Trim().ToUpperInvariant());
        var listing = (await Shell.BashAsync($"ls '{cache.Mount}'")).Ok("ls").Stdout;
        Assert.DoesNotContain("direct.bin", listing);

        (await Shell.BashAsync($"printf 'new content' > '{cache.Mount}/renamed.bin'")).Ok("O_TRUNC overwrite under NO_CACHE");

        Assert.Equal("new content", (await Shell.BashAsync($"cat '{cache.Mount}/renamed.bin'")).Ok("reading the overwritten file").Stdout);
        Assert.Equal(TestData.Sha256("new content"u8), await bucket.Sha256Async("cache/renamed.bin"));
    }
}
