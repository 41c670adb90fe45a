using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WriteCache.FuseGateway.Hosting;

namespace WriteCache.Cli.Commands;

/// <summary><c>wcache mount DIR</c>: the gateway alone, as a client of the cluster named in configuration.</summary>
public static class MountCommand
{
    /// <summary>Runs until Ctrl-C or SIGTERM; returns the exit code.</summary>
    public static async Task<int> RunAsync(CommandLine line)
    {
        if (line.Words.Count != 2)
        {
            throw new UsageException("mount needs exactly one directory: wcache mount DIR");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. line.Configuration],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("WCACHE_");
        builder.Configuration.AddCommandLine([.. line.Configuration]);
        builder.Configuration["Fuse:MountPoint"] = line.Words[1];
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.AddWriteCacheClient();
        builder.AddWriteCacheGateway();
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<MountService>().Mounted.Task;
        Console.WriteLine($"wcache: mounted at {Path.GetFullPath(line.Words[1])}; Ctrl-C to unmount");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
