using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WriteCache.FuseGateway.Hosting;
using WriteCache.Silo.Hosting;

namespace WriteCache.Cli.Commands;

/// <summary><c>wcache local --mount DIR [--data DIR] [--ufs DIR|s3://bucket/prefix]</c>: an embedded silo and the gateway in one process, in the foreground.</summary>
public static class LocalCommand
{
    /// <summary>Runs until Ctrl-C or SIGTERM; returns the exit code.</summary>
    public static async Task<int> RunAsync(CommandLine line)
    {
        var mount = line.Option("--mount") ?? throw new UsageException("local needs --mount DIR");
        var data = Path.GetFullPath(line.Option("--data", ".data")!);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. line.Configuration],
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Defaults for one machine; anything on the command line (--Section:Key=value) or in WCACHE_* wins.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Name"] = "local",
            ["PageStore:Directory"] = Path.Combine(data, "pagestore"),
            ["Metadata:Provider"] = "Sqlite",
            ["Metadata:SqlitePath"] = Path.Combine(data, "metadata.db"),
            ["WriteCache:Enabled"] = "true",
            ["Ufs:Mounts:0:Prefix"] = "/",
            ["Ufs:Mounts:0:Location"] = line.Option("--ufs") ?? Path.Combine(data, "ufs"),
        });
        builder.Configuration.AddEnvironmentVariables("WCACHE_");
        builder.Configuration.AddCommandLine([.. line.Configuration]);
        builder.Configuration["Fuse:MountPoint"] = mount;
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.AddWriteCacheSilo();
        builder.AddWriteCacheGateway();
        using var host = builder.Build();
        await host.StartAsync();
        var mounted = host.Services.GetRequiredService<MountService>();
        await mounted.Mounted.Task;
        Console.WriteLine($"wcache: mounted at {Path.GetFullPath(mount)} (data in {data}); Ctrl-C to unmount and stop");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
