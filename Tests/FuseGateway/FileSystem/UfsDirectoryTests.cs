using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>
/// Directories that exist only in the under file system, made there by another tool, as a program sees them
/// through the mount: listed by their parent, they open, take files and can be removed like any directory.
/// </summary>
[Collection(MountedCacheCollection.Name)]
public sealed class UfsDirectoryTests(MountedCacheFixture fixture)
{
    [Fact]
    public async Task AnEmptyDirectoryMadeInTheUnderFileSystemOpensEmptyTakesAFileAndCanBeRemoved()
    {
        var name = "ufs-dirs-" + Guid.NewGuid().ToString("N")[..8];
        var parent = Path.Combine(fixture.Mount, name);
        // The parent is made through the mount and not listed yet, so its first listing sees what is made below.
        Directory.CreateDirectory(parent);
        Directory.CreateDirectory(Path.Combine(fixture.Cache.Ufs, name, "empty"));
        Directory.CreateDirectory(Path.Combine(fixture.Cache.Ufs, name, "to-remove"));

        var seen = (await Shell.BashAsync(
            $"cd '{parent}' && ls -1 && stat -c '%n %F' empty to-remove && echo \"entries in empty: $(ls -A empty | wc -l)\""))
            .Ok("ls and stat of directories known only to the under file system").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["empty", "to-remove", "empty directory", "to-remove directory", "entries in empty: 0"], seen);

        var file = Path.Combine(parent, "empty", "a.bin");
        await File.WriteAllBytesAsync(file, [1, 2, 3]);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(file));
        Assert.Equal(["a.bin"], Directory.GetFileSystemEntries(Path.Combine(parent, "empty")).Select(Path.GetFileName));

        (await Shell.BashAsync($"rmdir '{parent}/to-remove'")).Ok("rmdir of a directory known only to the under file system");
        Assert.Equal(["empty"], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Path.Combine(fixture.Cache.Ufs, name, "to-remove")), "rmdir removes it from the under file system too");
    }

    [Fact]
    public async Task ADirectoryNeitherInTheCacheNorInTheUnderFileSystemIsStillNotFound()
    {
        var parent = Path.Combine(fixture.Mount, "ufs-dirs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(parent);

        var result = await Shell.BashAsync($"ls '{parent}/nowhere' 2>&1; rmdir '{parent}/nowhere' 2>&1; true");

        Assert.Contains("No such file or directory", result.Stdout);
        Assert.DoesNotContain("Input/output error", result.Stdout);
    }
}
