using WriteCache.Directories;
using WriteCache.Policies;
using WriteCache.Tests.Support;
using Xunit.Abstractions;

namespace WriteCache.Tests.Deployment;

/// <summary>
/// The production topology as processes on loopback: PostgreSQL (membership, state, reminders), an S3 endpoint,
/// three silos with two copies of every page, and a gateway. One silo is killed; the mount goes on serving (reads,
/// writes, unlink, mkdir and chmod right after the kill), and files closed but not yet persisted before the kill
/// reach the bucket byte-exact.
/// </summary>
public sealed class MultiProcessClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KillingOneSiloLosesNothingAndTheGatewayKeepsServing()
    {
        await using var s3 = await S3Server.StartAsync();
        using var bucket = await S3Bucket.CreateAsync(s3.Url);
        using var root = new TempDirectory("wcache-multi");
        var database = await PostgreSqlTestDatabase.CreateAsync();
        string[] shared =
        [
            .. bucket.Settings().Select(s => $"--{s.Key}={s.Value}"),
            "--Cluster:Membership=PostgreSql",
            "--Metadata:Provider=PostgreSql",
            $"--Metadata:ConnectionString={database}",
            "--Cluster:ClusterId=multi",
            "--PageStore:ReplicationFactor=2",
            "--WriteCache:DefaultPolicy=WRITE_BACK",
            "--WriteCache:OrphanCheckPeriod=00:00:02",
            "--Persistence:RetryInitialInterval=00:00:01",
            "--Persistence:RetryMaxInterval=00:00:02",
        ];
        var silos = new List<SiloProcess>();
        ServiceProcess? gateway = null;
        var mount = root.Combine("mnt");
        try
        {
            for (var i = 1; i <= 3; i++)
            {
                silos.Add(await SiloProcess.StartNamedAsync(root.Combine($"silo-{i}"), $"silo-{i}", shared));
            }

            await using (var client = await ClusterClientHost.ConnectAsync(silos[0].GatewayPort, clusterId: "multi"))
            {
                await Eventually.HoldsAsync(
                    async () => (await client.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 3,
                    TimeSpan.FromSeconds(60),
                    "all three silos are active members");

                // Scratch files never go to the UFS, so removing them while S3 is down below is about the cluster alone.
                await client.Client.GetGrain<IDirectoryGrain>("/").MakeDirectory("scratch", 493);
                var scratch = await client.Client.GetGrain<IPolicyGrain>(IPolicyGrain.ClusterKey).Set("/scratch", WritePolicy.Transient);
                Assert.True(scratch.IsOk, scratch.Message);
            }

            gateway = ServiceProcess.Start("wcache.dll", ["mount", mount, .. shared]);
            Assert.True(await gateway.WaitForOutputAsync("wcache: mounted at", TimeSpan.FromSeconds(90)), gateway.Output);

            (await Shell.BashAsync($"head -c 3000000 /dev/urandom > '{mount}/persisted.bin'")).Ok("writing a file");
            await Eventually.HoldsAsync(async () => await bucket.Sha256Async("cache/persisted.bin") is { Length: 64 }, TimeSpan.FromSeconds(60), "persisted.bin reaches the bucket");
            var persistedSha = await bucket.Sha256Async("cache/persisted.bin");

            (await Shell.BashAsync($"for i in 0 1 2 3 4 5 6 7 8 9; do printf doomed > '{mount}/scratch/doomed-'$i; done")).Ok("writing scratch files");

            await s3.StopAsync();
            var pending = new Dictionary<string, string>();
            for (var i = 0; i < 10; i++)
            {
                var name = $"pending-{i}.bin";
                (await Shell.BashAsync($"head -c {(i + 1) * 400_000} /dev/urandom > '{mount}/{name}'")).Ok($"writing {name}");
                pending[name] = (await Shell.BashAsync($"sha256sum < '{mount}/{name}' | cut -d' ' -f1")).Ok("sha256").Stdout.Trim().ToUpperInvariant();
            }

            await silos[2].KillAsync();

            // Reads and writes go on at once: until the cluster declares the silo dead, calls to grains that lived on
            // it fail, and the gateway repeats those that are safe to repeat (reads, a create or commit of the same
            // incarnation), so the application sees a pause, not EIO.
            // Namespace changes go on at once too, side by side with the read: the gateway repeats them, and a repeat that
            // finds its work done (the file gone, the directory there) is the lost first attempt's success.
            var reading = Shell.BashAsync($"sha256sum < '{mount}/persisted.bin' | cut -d' ' -f1", timeoutSeconds: 120);
            var removing = Shell.BashAsync($"rm '{mount}'/scratch/doomed-*", timeoutSeconds: 120);
            var making = Shell.BashAsync($"mkdir '{mount}/made-after-kill-0' '{mount}/made-after-kill-1' '{mount}/made-after-kill-2'", timeoutSeconds: 120);
            var moding = Shell.BashAsync($"chmod 600 '{mount}/persisted.bin'", timeoutSeconds: 120);
            var read = (await reading).Ok("reading right after the kill");
            Assert.Equal(persistedSha, read.Stdout.Trim().ToUpperInvariant());
            (await removing).Ok("rm right after the kill");
            (await making).Ok("mkdir right after the kill");
            (await moding).Ok("chmod right after the kill");
            var after = (await Shell.BashAsync($"ls -A '{mount}/scratch' | wc -l; ls -d '{mount}'/made-after-kill-* | wc -l; stat -c %a '{mount}/persisted.bin'")).Ok("listing after the kill");
            Assert.Equal(["0", "3", "600"], after.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            for (var i = 0; i < 5; i++)
            {
                (await Shell.BashAsync($"printf after > '{mount}/after-kill-{i}.txt'", timeoutSeconds: 120)).Ok($"writing after-kill-{i}.txt right after the kill");
            }

            await s3.StartAgainAsync();
            foreach (var (name, sha) in pending)
            {
                await Eventually.HoldsAsync(async () => await bucket.Sha256Async("cache/" + name) == sha, TimeSpan.FromSeconds(120), $"{name} reaches the bucket byte-exact");
            }
        }
        catch
        {
            // Whatever went wrong, the processes' own warnings say where.
            output.WriteLine($"gateway:\n{gateway?.ProblemLines()}");
            foreach (var silo in silos)
            {
                output.WriteLine($"{silo.Name}:\n{silo.Process.ProblemLines()}");
            }

            throw;
        }
        finally
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }

            await Shell.RunAsync("umount", ["-l", mount], 10);
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
