using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>
/// O_SYNC and O_DSYNC writes are in the page stores when write(2) returns, as fsync(2) would have them: a store's
/// refusal reaches the write that caused it, where without the flag it reaches a later write or the close. A 64 MiB
/// store whose pinned limit is 32 MiB, and TRANSIENT files, which stay pinned.
/// </summary>
public sealed class SyncWriteTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task AnOSyncWritePastThePinnedLimitFailsWithEnospcAndAPlainOneFailsAtClose()
    {
        await using var cache = await MountedCache.StartAsync(
            ["--PageStore:CapacityBytes=67108864", "--WriteCache:DefaultPolicy=TRANSIENT"], []);
        var result = await Shell.PythonAsync($$"""
            import errno, os
            def write(name, flags):
                fd = os.open(os.path.join('{{cache.Mount}}', name), os.O_WRONLY | os.O_CREAT | os.O_EXCL | flags, 0o644)
                block = os.urandom({{MiB}})
                outcome = 'all written'
                for i in range(48):
                    try:
                        os.write(fd, block)
                    except OSError as e:
                        outcome = f'write {i + 1} {errno.errorcode[e.errno]}'
                        break
                try:
                    os.close(fd)
                    return outcome + ', close OK'
                except OSError as e:
                    return outcome + ', close ' + errno.errorcode[e.errno]
            print(write('synced.bin', os.O_SYNC))
            os.unlink(os.path.join('{{cache.Mount}}', 'synced.bin'))
            print(write('plain.bin', 0))
            """);

        var lines = result.Ok("python").Stdout.Trim().Split('\n');

        // The 33rd page is the one past the limit, and its own write is refused. Without the flag, the earliest a
        // write could hear of it is the 34th, once the 33rd page's send has failed.
        Assert.Matches(@"^write 33 ENOSPC, close ", lines[0]);

        // Without the flag the refusal comes later: at a following write, once the page's send has failed, or at close.
        Assert.EndsWith("close ENOSPC", lines[1]);
    }
}
