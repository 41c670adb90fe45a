using WriteCache.Policies;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>Directories big enough to matter, filled by several writers at once, listed while they fill.</summary>
[Collection(MountedCacheCollection.Name)]
public sealed class LargeDirectoryTests(MountedCacheFixture fixture)
{
    private MountedCache Cache => fixture.Cache;

    [Fact]
    public async Task TwentyThousandEntriesFromFourConcurrentWritersAreListedExactlyOnceAndNeverTwiceWhileTheyArrive()
    {
        // TRANSIENT keeps the test about the directory: no uploads, the same metadata path for every create.
        await using (var connection = await ClusterClientHost.ConnectAsync(Cache.Silo.GatewayPort))
        {
            var set = await connection.Client.GetGrain<IPolicyGrain>(IPolicyGrain.ClusterKey).Set("/crowded", WritePolicy.Transient);
            Assert.True(set.IsOk, set.Message);
        }

        var directory = Path.Combine(Cache.Mount, "crowded");
        var result = await Shell.PythonAsync($$"""
            import os, multiprocessing, time
            d = '{{directory}}'
            os.mkdir(d)
            def write(k):
                for i in range(5000):
                    open(f'{d}/writer{k}-{i:05d}', 'x').close()
            writers = [multiprocessing.Process(target=write, args=(k,)) for k in range(4)]
            for w in writers: w.start()
            listings = 0
            while any(w.is_alive() for w in writers):
                names = os.listdir(d)
                assert len(names) == len(set(names)), f'a name listed twice among {len(names)}'
                listings += 1
                time.sleep(0.5)
            for w in writers:
                w.join()
                assert w.exitcode == 0, f'writer exited {w.exitcode}'
            names = os.listdir(d)
            expected = {f'writer{k}-{i:05d}' for k in range(4) for i in range(5000)}
            print(len(names), len(set(names)), set(names) == expected, listings > 1)
            """, timeoutSeconds: 900);

        Assert.Equal("20000 20000 True True", result.Ok("four writers and a lister").Stdout.Trim());
        var listed = (await Shell.BashAsync($"ls -l '{directory}' | grep -c '^-rw'")).Ok("ls -l").Stdout.Trim();
        Assert.Equal("20000", listed);
    }
}
