using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>
/// What real writers do before and after close (seek back to patch headers, sparse writes, set modes and times,
/// make symlinks), checked through the mount and byte-exact in the under file system (WRITE_THROUGH, the default).
/// </summary>
[Collection(MountedCacheCollection.Name)]
public sealed class RealWriterTests(MountedCacheFixture fixture)
{
    private MountedCache Cache => fixture.Cache;

    [Fact]
    public async Task AZipArchiveOfSeveralMembersReadsBackIdenticalThroughTheMountAndFromTheUfs()
    {
        // zipfile writes each member's local header, then seeks back to patch its sizes and CRC.
        var archive = Path.Combine(Cache.Mount, "members.zip");
        var result = await Shell.PythonAsync($$"""
            import hashlib, os, zipfile
            members = {f'member-{i}.bin': os.urandom(300000 * i + 17) for i in range(1, 5)}
            with zipfile.ZipFile('{{archive}}', 'w', zipfile.ZIP_STORED) as z:
                for name, data in members.items():
                    with z.open(name, 'w') as m:
                        m.write(data)
            for copy in ['{{archive}}', '{{Path.Combine(Cache.Ufs, "members.zip")}}']:
                with zipfile.ZipFile(copy) as z:
                    assert z.testzip() is None, copy
                    assert {n: z.read(n) for n in z.namelist()} == members, copy
            print(hashlib.sha256(open('{{archive}}', 'rb').read()).hexdigest())
            """);

        var throughMount = result.Ok("python zipfile").Stdout.Trim();
        Assert.Equal(throughMount, await Sha256Async(Path.Combine(Cache.Ufs, "members.zip")));
    }

    [Fact]
    public async Task AHeaderRewrittenAfterTheDataIsWhatReadsBackAndWhatIsPersisted()
    {
        // The HDF5 / checkpoint pattern: placeholder header, data, seek to 0, final header, close.
        var file = Path.Combine(Cache.Mount, "checkpoint.h5");
        var result = await Shell.PythonAsync($$"""
            import hashlib, os
            data = os.urandom(3 * 1024 * 1024 + 5)
            header = b'HDF' + os.urandom(509)
            with open('{{file}}', 'wb') as f:
                f.write(b'\0' * 512)
                f.write(data)
                f.seek(0)
                f.write(header)
            print(hashlib.sha256(header + data).hexdigest())
            """);

        var expected = result.Ok("python header rewrite").Stdout.Trim();
        Assert.Equal(expected, await Sha256Async(file));
        Assert.Equal(expected, await Sha256Async(Path.Combine(Cache.Ufs, "checkpoint.h5")));
    }

    [Fact]
    public async Task ASparseWriteReadsBackAsZerosThenTheByteThroughTheMountAndInTheUfs()
    {
        var file = Path.Combine(Cache.Mount, "sparse.bin");
        const long offset = 100L * 1024 * 1024;
        var result = await Shell.PythonAsync($$"""
            import hashlib
            with open('{{file}}', 'wb') as f:
                f.seek({{offset}})
                f.write(b'x')
            h = hashlib.sha256()
            zeros = b'\0' * (1024 * 1024)
            for _ in range(100):
                h.update(zeros)
            h.update(b'x')
            print(h.hexdigest())
            """);

        var expected = result.Ok("python sparse write").Stdout.Trim();
        Assert.Equal(offset + 1, new FileInfo(file).Length);
        Assert.Equal(expected, await Sha256Async(file));
        Assert.Equal(expected, await Sha256Async(Path.Combine(Cache.Ufs, "sparse.bin")));
    }

    [Fact]
    public async Task TouchAndChmodOfAClosedFileAreKeptAndReachTheUfsButTruncateIsRefused()
    {
        var file = Path.Combine(Cache.Mount, "closed-attributes.txt");
        var ufsCopy = Path.Combine(Cache.Ufs, "closed-attributes.txt");
        (await Shell.BashAsync($"printf 'content' > '{file}'")).Ok("writing");

        (await Shell.BashAsync($"touch -d '2021-03-04 05:06:07.1234567' '{file}' && chmod 640 '{file}'")).Ok("touch and chmod");
        var truncate = await Shell.BashAsync($"truncate -s 0 '{file}'");

        Assert.NotEqual(0, truncate.ExitCode);
        Assert.Contains("Permission denied", truncate.Stderr);
        Assert.Equal("640 2021-03-04 05:06:07.123456700 7", await StatAsync(file));
        await Eventually.HoldsAsync(async () => await StatAsync(ufsCopy) == "640 2021-03-04 05:06:07.123456700 7", TimeSpan.FromSeconds(30), "the UFS copy takes the new mode and time");
        Assert.Equal("content", await File.ReadAllTextAsync(ufsCopy));
    }

    [Fact]
    public async Task SymlinksAreCreatedReadAndPersistedAsSymlinks()
    {
        var directory = Path.Combine(Cache.Mount, "links");
        (await Shell.BashAsync($"""
            set -e
            mkdir '{directory}'
            printf target > '{directory}/real.txt'
            ln -s real.txt '{directory}/relative'
            ln -s /nowhere/at/all '{directory}/dangling'
            """)).Ok("making symlinks");

        Assert.Equal("real.txt", (await Shell.BashAsync($"readlink '{directory}/relative'")).Ok("readlink").Stdout.Trim());
        Assert.Equal("target", (await Shell.BashAsync($"cat '{directory}/relative'")).Ok("reading through the link").Stdout);
        Assert.Equal("symbolic link 15", (await Shell.BashAsync($"stat -c '%F %s' '{directory}/dangling'")).Ok("lstat").Stdout.Trim());
        Assert.Contains("File exists", (await Shell.BashAsync($"ln -s other '{directory}/relative'")).Stderr);
        Assert.Equal("real.txt", new FileInfo(Path.Combine(Cache.Ufs, "links", "relative")).LinkTarget);
        Assert.Equal("/nowhere/at/all", new FileInfo(Path.Combine(Cache.Ufs, "links", "dangling")).LinkTarget);

        (await Shell.BashAsync($"rm '{directory}/dangling'")).Ok("removing a symlink");
        Assert.False(Path.Exists(Path.Combine(Cache.Ufs, "links", "dangling")) || new FileInfo(Path.Combine(Cache.Ufs, "links", "dangling")).LinkTarget is not null);
    }

    [Fact]
    public async Task CpAAndTarXKeepContentModesTimesAndSymlinksThroughTheMount()
    {
        var source = Path.Combine(Cache.Scratch, "fidelity-source");
        (await Shell.BashAsync($"""
            set -e
            mkdir -p '{source}/conf/deep' '{source}/bin'
            head -c 2500000 /dev/urandom > '{source}/weights.bin'
            printf 'key=value\n' > '{source}/conf/settings.ini'
            printf '#!/bin/sh\necho hi\n' > '{source}/bin/run.sh'
            : > '{source}/conf/deep/empty'
            chmod 600 '{source}/conf/settings.ini'
            chmod 755 '{source}/bin/run.sh'
            chmod 700 '{source}/conf/deep'
            ln -s ../weights.bin '{source}/bin/weights'
            ln -s /absolute/elsewhere '{source}/conf/dangling'
            touch -h -d '2020-01-02 03:04:05.1234567' '{source}/bin/weights'
            touch -d '2019-12-31 23:59:59.5' '{source}/weights.bin'
            touch -d '2018-06-07 08:09:10' '{source}/conf/settings.ini' '{source}/conf/deep/empty'
            touch -d '2017-01-01 00:00:01' '{source}/bin/run.sh' '{source}/conf/deep' '{source}/conf' '{source}/bin'
            """)).Ok("making the source tree");

        var viaCp = Path.Combine(Cache.Mount, "fidelity-cp");
        (await Shell.BashAsync($"cp -a '{source}' '{viaCp}'")).Ok("cp -a into the mount");
        // pax (posix) archives keep sub-second times; the default GNU format rounds them to seconds.
        var viaTar = Path.Combine(Cache.Mount, "fidelity-tar");
        (await Shell.BashAsync($"mkdir '{viaTar}' && tar -C '{source}' --format=posix -cf - . | tar -C '{viaTar}' -xpf -")).Ok("tar -x into the mount");

        var expected = await DescribeTreeAsync(source);
        foreach (var copied in new[] { viaCp, viaTar })
        {
            var back = Path.Combine(Cache.Scratch, Path.GetFileName(copied) + "-back");
            (await Shell.BashAsync($"cp -a '{copied}' '{back}'")).Ok("cp -a out of the mount");
            (await Shell.BashAsync($"diff -r --no-dereference '{source}' '{back}'")).Ok($"diff -r of {copied}");
            Assert.Equal(expected, await DescribeTreeAsync(back));
            Assert.Equal(expected, await DescribeTreeAsync(copied));
        }

        // The UFS holds the same files and symlinks, with their modes and times.
        var ufsTree = Path.Combine(Cache.Ufs, "fidelity-cp");
        (await Shell.BashAsync($"diff -r --no-dereference '{source}' '{ufsTree}'")).Ok("diff -r of the UFS copy");
        await Eventually.HoldsAsync(
            async () => await DescribeTreeAsync(source, "-type f") == await DescribeTreeAsync(ufsTree, "-type f"),
            TimeSpan.FromSeconds(30),
            "files in the UFS have the source's modes and times");
    }

    [Fact]
    public async Task RmRfOfAPersistedTreeRemovesItFromTheMountAndTheUfs()
    {
        var tree = Path.Combine(Cache.Mount, "to-remove");
        (await Shell.BashAsync($"mkdir -p '{tree}/a/b' && for i in $(seq 1 20); do printf $i > '{tree}/a/b/f'$i; done && printf x > '{tree}/top'")).Ok("writing a tree");

        (await Shell.BashAsync($"rm -rf '{tree}'")).Ok("rm -rf");

        Assert.False(Directory.Exists(tree));
        Assert.False(Directory.Exists(Path.Combine(Cache.Ufs, "to-remove")));
        Assert.DoesNotContain("to-remove", (await Shell.BashAsync($"ls '{Cache.Mount}'")).Ok("ls").Stdout);
    }

    private static async Task<string> Sha256Async(string path) =>
        (await Shell.BashAsync($"sha256sum < '{path}' | cut -d' ' -f1")).Ok($"sha256 of {path}").Stdout.Trim();

    private static async Task<string> StatAsync(string path) =>
        (await Shell.BashAsync($"stat -c '%a %y %s' '{path}' | sed 's/ +0000//'")).Ok($"stat {path}").Stdout.Trim();

    /// <summary>Type, mode, size, mtime (to the 100 ns the cache keeps) and link target of everything below <paramref name="root"/>.</summary>
    private static async Task<string> DescribeTreeAsync(string root, string filter = "-mindepth 1") =>
        (await Shell.BashAsync($"cd '{root}' && TZ=UTC find . {filter} -printf '%p %y %m %s %TY-%Tm-%Td %TT %l\\n' | sed -E 's/([0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}\\.[0-9]{{7}})[0-9]*/\\1/' | sort"))
            .Ok($"describing {root}").Stdout;
}
