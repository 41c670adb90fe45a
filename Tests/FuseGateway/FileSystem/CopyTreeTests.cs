using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>Real tools on the real mount: cp -r of a tree, then everything reads back the same.</summary>
[Collection(MountedCacheCollection.Name)]
public sealed class CopyTreeTests(MountedCacheFixture fixture)
{
    private MountedCache Cache => fixture.Cache;

    [Fact]
    public async Task ATreeCopiedInReadsBackWithTheSameContentSizesAndModes()
    {
        var source = Path.Combine(Cache.Scratch, "tree");
        (await Shell.BashAsync($"""
            set -e
            mkdir -p '{source}/a/b/c' '{source}/empty-dir' '{source}/data'
            : > '{source}/zero-bytes'
            : > '{source}/a/b/c/empty'
            printf x > '{source}/a/one-byte'
            head -c 4095 /dev/urandom > '{source}/a/b/page-minus-one'
            head -c 1048577 /dev/urandom > '{source}/a/b/c/mib-plus-one'
            head -c 5242880 /dev/urandom > '{source}/data/five-mib'
            head -c 314572801 /dev/urandom > '{source}/data/big-300mib-plus-one'
            chmod 600 '{source}/a/one-byte'
            chmod 755 '{source}/data/five-mib'
            chmod 700 '{source}/a/b'
            """)).Ok("making the source tree");

        var copy = Path.Combine(Cache.Mount, "copy");
        (await Shell.BashAsync($"cp -r '{source}' '{copy}'", timeoutSeconds: 600)).Ok("cp -r into the mount");

        Assert.Equal(await Describe(source, "sha256sum"), await Describe(copy, "sha256sum"));
        Assert.Equal(await Describe(source, "stat -c '%F %s %a'"), await Describe(copy, "stat -c '%F %s %a'"));
        var listing = (await Shell.BashAsync($"ls -l '{copy}/data'")).Ok("ls -l").Stdout;
        Assert.Contains("314572801", listing);
        Assert.Contains("5242880", listing);
    }

    [Fact]
    public async Task DfShowsTheCacheCapacity()
    {
        var size = (await Shell.BashAsync($"df -B1 --output=size '{Cache.Mount}' | tail -n 1")).Ok("df").Stdout.Trim();

        Assert.Equal(Cache.CapacityBytes, long.Parse(size));
    }

    [Fact]
    public async Task DfShowsNoInodeUsedSinceTheCacheHasNoInodeTable()
    {
        // Inode-usage alerts watch this column; files here are metadata rows, of which none runs out.
        var used = (await Shell.BashAsync($"df --output=iused,iavail '{Cache.Mount}' | tail -n 1")).Ok("df").Stdout.Trim();

        Assert.Equal(["0", (1L << 32).ToString(System.Globalization.CultureInfo.InvariantCulture)], used.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ListingsAndStatSeeFilesAndDirectories()
    {
        var directory = Path.Combine(Cache.Mount, "listing");
        (await Shell.BashAsync($"""mkdir -p '{directory}/sub' && for i in $(seq 1 50); do printf $i > "{directory}/f$i"; done""")).Ok("writing 50 files");

        var names = (await Shell.BashAsync($"ls -1a '{directory}'")).Ok("ls").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var kinds = (await Shell.BashAsync($"stat -c '%F %s' '{directory}/f42' '{directory}/sub'")).Ok("stat").Stdout;

        Assert.Equal(53, names.Length);
        Assert.Contains(".", names);
        Assert.Contains("..", names);
        Assert.Contains("f50", names);
        Assert.Contains("regular file 2", kinds);
        Assert.Contains("directory", kinds);
    }

    /// <summary>One line per entry below <paramref name="root"/>: relative path and what <paramref name="command"/> says of it, sorted.</summary>
    private static async Task<string> Describe(string root, string command)
    {
        var result = await Shell.BashAsync($"cd '{root}' && find . -mindepth 1 {(command.StartsWith("sha", StringComparison.Ordinal) ? "-type f" : string.Empty)} -print0 | sort -z | xargs -0 {command}", timeoutSeconds: 600);
        return result.Ok($"{command} under {root}").Stdout;
    }
}
