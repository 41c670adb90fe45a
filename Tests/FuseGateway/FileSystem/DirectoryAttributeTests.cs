using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>
/// A directory's attributes as a program sees them through the mount. The gateway keeps them for the attribute
/// timeout (the kernel asks for them again after every create), so these tests check that what this mount does
/// shows at once all the same.
/// </summary>
[Collection(MountedCacheCollection.Name)]
public sealed class DirectoryAttributeTests(MountedCacheFixture fixture)
{
    [Fact]
    public async Task CreatingAndRemovingAFileMovesTheDirectorysModificationTimeAtOnce()
    {
        var directory = Path.Combine(fixture.Mount, "dirattr-mtime-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var created = Directory.GetLastWriteTimeUtc(directory);

        await Task.Delay(50);
        await File.WriteAllBytesAsync(Path.Combine(directory, "a.bin"), [1, 2, 3]);
        var afterCreate = Directory.GetLastWriteTimeUtc(directory);

        await Task.Delay(50);
        File.Delete(Path.Combine(directory, "a.bin"));
        var afterDelete = Directory.GetLastWriteTimeUtc(directory);

        Assert.True(afterCreate > created, $"create: {created:O} -> {afterCreate:O}");
        Assert.True(afterDelete > afterCreate, $"delete: {afterCreate:O} -> {afterDelete:O}");
    }

    [Fact]
    public async Task ChmodOfADirectoryShowsAtOnceThroughTheSameMount()
    {
        var directory = Path.Combine(fixture.Mount, "dirattr-mode-" + Guid.NewGuid().ToString("N")[..8]);
        // The create makes the kernel ask the gateway for the directory's attributes at the first stat, which caches them there.
        var modes = (await Shell.BashAsync(
            $"mkdir -m 755 '{directory}' && echo x > '{directory}/a' && stat -c %a '{directory}' && chmod 500 '{directory}' && stat -c %a '{directory}'"))
            .Ok("mkdir, chmod and stat").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["755", "500"], modes);
    }
}
