using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>A gateway killed with SIGKILL leaves a dead mount; starting it again restores a working mount at the same path.</summary>
public sealed class GatewayRestartTests
{
    [Fact]
    public async Task AKilledGatewayIsReplacedByANewOneAtTheSamePath()
    {
        await using var cache = await MountedCache.StartAsync();
        var before = Path.Combine(cache.Mount, "before.txt");
        (await Shell.BashAsync($"printf 'written before the crash' > '{before}'")).Ok("writing before the crash");

        await cache.Gateway.KillAsync();
        var dead = await Shell.BashAsync($"stat '{cache.Mount}'");
        Assert.NotEqual(0, dead.ExitCode);
        Assert.Contains("not connected", dead.Stderr);

        await cache.StartGatewayAsync();

        Assert.Equal("written before the crash", (await Shell.BashAsync($"cat '{before}'")).Ok("reading after the restart").Stdout);
        var after = Path.Combine(cache.Mount, "after.txt");
        (await Shell.BashAsync($"printf 'written after' > '{after}' && cat '{after}'")).Ok("writing after the restart");
        Assert.Equal("1", (await Shell.BashAsync($"grep -c ' {cache.Mount} ' /proc/self/mountinfo")).Ok("mountinfo").Stdout.Trim());
    }

    [Fact]
    public async Task SigtermUnmountsCleanly()
    {
        await using var cache = await MountedCache.StartAsync();

        await cache.Gateway.StopAsync();

        Assert.True(cache.Gateway.HasExited);
        Assert.Contains("Unmounted", cache.Gateway.Output);
        var listed = await Shell.BashAsync($"grep -c ' {cache.Mount} ' /proc/self/mountinfo");
        Assert.Equal("0", listed.Stdout.Trim());
    }
}
