using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WriteCache.FuseGateway.Hosting;

namespace WriteCache.Cli.Commands;

/// <summary><c>wcache mount DIR</c>: the gateway alone, as a client of the cluster named in configuration.</summary>
public static class MountCommand
{
    /// <summary>The <c>mount</c> command; extra <c>--Section:Key=value</c> arguments become configuration.</summary>
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Where to mount the cache" };
        var command = new Command("mount", "Run the FUSE gateway alone, as a client of the cluster named in configuration") { directory };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, _) => RunAsync(result.GetRequiredValue(directory), [.. result.UnmatchedTokens]));
        return command;
    }

    /// <summary>Runs until Ctrl-C or SIGTERM; returns the exit code.</summary>
    private static async Task<int> RunAsync(string mountPoint, string[] configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configuration,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("WCACHE_");
        builder.Configuration.AddCommandLine(configuration);
        builder.Configuration["Fuse:MountPoint"] = mountPoint;
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);

        // Orleans' placement retries log every call at Information through Polly: per-file noise that costs CPU.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.AddWriteCacheClient();
        builder.AddWriteCacheGateway();
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<MountService>().Mounted.Task;
        Console.WriteLine($"wcache: mounted at {Path.GetFullPath(mountPoint)}; Ctrl-C to unmount");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
