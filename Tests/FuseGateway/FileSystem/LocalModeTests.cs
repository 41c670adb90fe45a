using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>
/// <c>wcache local</c>, the README's main job: the silo and the gateway in one process. Pages reach the gateway's
/// reader without a copy there, in pooled buffers the reader gives back, so this is where a buffer given back too
/// early would show as wrong bytes.
/// </summary>
public sealed class LocalModeTests
{
    [Fact]
    public async Task ConcurrentScatteredReadsOfAFileLargerThanTheReadersCacheReturnTheBytesWritten()
    {
        using var root = new TempDirectory("wcache-local");
        var mount = root.Combine("mnt");
        Directory.CreateDirectory(mount);
        var source = root.Combine("source.bin");
        // 48 pages of 1 MiB: more than the reader keeps, so pages leave its cache while other reads use theirs.
        await File.WriteAllBytesAsync(source, TestData.Bytes(48 * 1024 * 1024 + 12345, seed: 48));
        await using var local = ServiceProcess.Start("wcache.dll", [
            "local", "--mount", mount, "--data", root.Combine("data"),
            $"--Cluster:SiloPort={FreePort.Next()}", $"--Cluster:GatewayPort={FreePort.Next()}", $"--Admin:Urls=http://127.0.0.1:{FreePort.Next()}"]);
        try
        {
            Assert.True(await local.WaitForOutputAsync("wcache: mounted at", TimeSpan.FromSeconds(90)), local.Output);
            var copy = Path.Combine(mount, "copy.bin");
            (await Shell.BashAsync($"cp '{source}' '{copy}' && sync && echo 1 > /proc/sys/vm/drop_caches")).Ok("copying in and dropping the page cache");

            // Eight threads each read 2,000 ranges at random offsets (some across page boundaries) and compare them with the source.
            var checkedRanges = (await Shell.PythonAsync($$"""
                import os, random, threading
                src = open('{{source}}', 'rb').read()
                fd = os.open('{{copy}}', os.O_RDONLY)
                bad = []
                def reader(seed):
                    rng = random.Random(seed)
                    for _ in range(2000):
                        off = rng.randrange(0, len(src))
                        n = rng.choice([1, 4096, 131072, 1048576, 1500000])
                        got = os.pread(fd, n, off)
                        if got != src[off:off + n]:
                            bad.append((off, n))
                threads = [threading.Thread(target=reader, args=(s,)) for s in range(8)]
                [t.start() for t in threads]
                [t.join() for t in threads]
                print(len(bad), 'bad ranges', bad[:5])
                """, 600)).Ok("scattered reads").Stdout.Trim();

            Assert.StartsWith("0 bad ranges", checkedRanges);
            Assert.Equal(
                (await Shell.BashAsync($"sha256sum < '{source}'")).Ok("sha256 of the source").Stdout,
                (await Shell.BashAsync($"echo 1 > /proc/sys/vm/drop_caches && sha256sum < '{copy}'")).Ok("sha256 through the mount").Stdout);
        }
        finally
        {
            await local.StopAsync();
            await Shell.RunAsync("umount", ["-l", mount], 10);
        }
    }
}
