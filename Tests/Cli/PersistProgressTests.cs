using WriteCache.Tests.Support;

namespace WriteCache.Tests.Cli;

/// <summary>
/// <c>wcache fs persist --wait</c> draws a progress bar when stdout is a terminal (run under <c>script</c>, which gives it
/// a pseudo-terminal) and prints only the plain result lines when stdout is redirected.
/// </summary>
public sealed class PersistProgressTests
{
    [Fact]
    public async Task ATerminalGetsABarAndRedirectedOutputOnlyTheLines()
    {
        using var root = new TempDirectory("wcache-progress");
        await using var silo = await SiloProcess.StartAsync(root.Path);
        await using (var connection = await ClusterClientHost.ConnectAsync(silo.GatewayPort))
        {
            Assert.True((await connection.Client.GetGrain<Policies.IPolicyGrain>(Policies.IPolicyGrain.ClusterKey).Set("/", Policies.WritePolicy.Transient)).IsOk);
            Assert.True((await CacheFiles.WriteAsync(connection.Client, "/p-0", TestData.Bytes(5_000, seed: 700))).IsOk);
            Assert.True((await CacheFiles.WriteAsync(connection.Client, "/p-1", TestData.Bytes(5_000, seed: 701))).IsOk);
        }

        string[] command = ["dotnet", Path.Combine(AppContext.BaseDirectory, "wcache.dll"), "--cluster", $"127.0.0.1:{silo.GatewayPort}", "fs", "persist", "--wait", "/p-0", "/p-1"];
        var redirected = await Shell.RunAsync(command[0], command[1..], 120);
        var terminal = await Shell.RunAsync("script", ["-qec", string.Join(' ', command), "/dev/null"], 120);

        Assert.Equal((0, "TRANSIENT /p-0\nTRANSIENT /p-1\n"), (redirected.ExitCode, redirected.Stdout));
        Assert.Equal(0, terminal.ExitCode);
        Assert.Contains("\r[###############---------------] 1/2", terminal.Stdout);
        Assert.Contains("\r[##############################] 2/2", terminal.Stdout);
        Assert.Contains("TRANSIENT /p-0", terminal.Stdout);
        Assert.Contains("TRANSIENT /p-1", terminal.Stdout);
    }
}
