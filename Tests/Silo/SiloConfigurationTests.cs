using System.Diagnostics;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Silo;

/// <summary>The real silo process refuses a bad configuration value with one line naming the key, and exits non-zero.</summary>
public sealed class SiloConfigurationTests : IDisposable
{
    private readonly TempDirectory data = new("wcache-silo-config");

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData("PageStore:PinnedCapacityRatio", "1.5")]
    [InlineData("PageStore:PageSize", "abc")]
    [InlineData("PageStore:ReplicationFactor", "0")]
    [InlineData("PageStore:CapacityBytes", "-1")]
    [InlineData("WriteCache:DefaultPolicy", "SOMETIMES")]
    [InlineData("WriteCache:OrphanTimeout", "-00:00:01")]
    [InlineData("WriteCache:InlineFileBytes", "2000000")]
    [InlineData("Metadata:Provider", "Oracle")]
    [InlineData("Cluster:Membership", "Zookeeper")]
    [InlineData("Cluster:SiloPort", "70000")]
    [InlineData("Admin:Token", "too-short")]
    [InlineData("Admin:Urls", "ftp://127.0.0.1:8080")]
    [InlineData("Admin:Dashboard", "sometimes")]
    public async Task ABadValueStopsTheSiloWithOneLineNamingTheKey(string key, string value)
    {
        var (exitCode, stdout, stderr) = await RunSiloAsync($"--{key}={value}");

        Assert.Equal(2, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains(key, line);
        Assert.StartsWith("wcache silo: configuration error:", line);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task TheShippedDefaultsStartASilo()
    {
        // As `dotnet run --project Silo` does: appsettings.json alone, data under the working directory.
        var gatewayPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data.Path };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "WriteCache.Silo.dll"), $"--Cluster:SiloPort={FreePort.Next()}", $"--Cluster:GatewayPort={gatewayPort}", $"--Admin:Urls=http://127.0.0.1:{FreePort.Next()}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            Assert.True(await FreePort.WaitUntilListeningAsync(gatewayPort, TimeSpan.FromSeconds(60)), "the silo opens its gateway port");
            Assert.False(process.HasExited);
            // The gateway port may open a moment before the lifecycle stage that opens the page store has run.
            var pages = data.Combine(".data", "pages");
            for (var i = 0; i < 300 && !Directory.Exists(pages) && !process.HasExited; i++)
            {
                await Task.Delay(100);
            }

            Assert.True(Directory.Exists(pages), "the page store is under the working directory");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task WcacheLocalRefusesABadValueWithOneLineNamingTheKey()
    {
        var result = await Shell.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "wcache.dll"), "local", "--mount", data.Combine("mnt"), "--data", data.Combine("d"), "--PageStore:PinnedCapacityRatio=1.5"], 120);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("PageStore:PinnedCapacityRatio", line);
    }

    [Theory]
    [InlineData("--Cluster:GatewayPort=abc", "Cluster:GatewayPort")]
    [InlineData("--Cluster:GatewayPort=70000", "Cluster:GatewayPort")]
    [InlineData("--Cluster:Membership=Consul", "Cluster:Membership")]
    [InlineData("--Cluster:Membership=PostgreSql", "Metadata:ConnectionString")]
    [InlineData("--Fuse:ReadAheadKiB=-1", "Fuse:ReadAheadKiB")]
    [InlineData("--Fuse:ReadAheadKiB=lots", "Fuse:ReadAheadKiB")]
    public async Task WcacheMountRefusesABadClusterValueWithOneLineNamingTheKeyAndMountsNothing(string argument, string key)
    {
        var mountPoint = data.Combine("gateway-mnt");
        Directory.CreateDirectory(mountPoint);

        var result = await Shell.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "wcache.dll"), "mount", mountPoint, argument], 120);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("wcache: configuration error:", line);
        Assert.Contains(key, line);
        Assert.DoesNotContain(mountPoint, (await Shell.RunAsync("cat", ["/proc/mounts"], 10)).Stdout);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunSiloAsync(string argument)
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "WriteCache.Silo.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data.Path,
        };
        start.ArgumentList.Add(silo);
        start.ArgumentList.Add($"--PageStore:Directory={data.Combine("pages")}");
        start.ArgumentList.Add($"--Metadata:SqlitePath={data.Combine("metadata.db")}");
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the silo did not stop on '{argument}' within 60 s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
