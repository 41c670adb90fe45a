using WriteCache.FuseGateway.Kernel;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>The mount's readahead window, which decides how many READs a sequential reader costs.</summary>
[Collection(MountedCacheCollection.Name)]
public sealed class ReadAheadTests(MountedCacheFixture fixture)
{
    [Fact]
    public async Task TheMountReadsAheadOnePageStorePageNotTheKernelsDefault128KiB()
    {
        // Any request served means the kernel has applied INIT; the gateway sets the window right after.
        Assert.True(Directory.Exists(fixture.Mount));
        var mount = MountInfo.FindFuse(Path.TrimEndingDirectorySeparator(Path.GetFullPath(fixture.Mount)));
        Assert.NotNull(mount);
        var value = string.Empty;
        for (var i = 0; i < 50; i++)
        {
            value = (await File.ReadAllTextAsync(mount.ReadAheadPath)).Trim();
            if (value == "1024")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("1024", value);
    }
}
