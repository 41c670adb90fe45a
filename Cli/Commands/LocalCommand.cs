using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using WriteCache.FuseGateway.Hosting;
using WriteCache.FuseGateway.Kernel;
using WriteCache.Silo.Hosting;

namespace WriteCache.Cli.Commands;

/// <summary><c>wcache local --mount DIR [--data DIR] [--ufs DIR|s3://bucket/prefix]</c>: an embedded silo and the gateway in one process, in the foreground.</summary>
public static class LocalCommand
{
    /// <summary>The <c>local</c> command; extra <c>--Section:Key=value</c> arguments become configuration.</summary>
    public static Command Create()
    {
        var mount = new Option<string>("--mount") { Description = "Where to mount the cache", Required = true };
        var data = new Option<string>("--data") { Description = "Page store and metadata directory", DefaultValueFactory = _ => ".data" };
        var ufs = new Option<string?>("--ufs") { Description = "Under file system: a directory or s3://bucket/prefix (default DATA/ufs)" };
        var command = new Command("local", "Run an embedded silo and the FUSE gateway in one process, in the foreground") { mount, data, ufs };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, _) => RunAsync(result.GetRequiredValue(mount), result.GetRequiredValue(data), result.GetValue(ufs), [.. result.UnmatchedTokens]));
        return command;
    }

    /// <summary>Runs until Ctrl-C or SIGTERM; returns the exit code.</summary>
    private static async Task<int> RunAsync(string mount, string dataDirectory, string? ufs, string[] configuration)
    {
        var data = Path.GetFullPath(dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configuration,
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
            ["Ufs:Mounts:0:Location"] = ufs ?? Path.Combine(data, "ufs"),
        });
        builder.Configuration.AddEnvironmentVariables("WCACHE_");
        builder.Configuration.AddCommandLine(configuration);
        builder.Configuration["Fuse:MountPoint"] = mount;
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);

        // Orleans' placement retries log every call at Information through Polly: per-file noise that costs CPU.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddWriteCacheSilo();
        builder.AddWriteCacheGateway();

        // One process: the silo's /metrics also carries the gateway's per-operation latency.
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(FuseMetrics.MeterName));
        builder.UseWriteCacheAdminUrls();
        await using var host = builder.Build();
        host.MapWriteCacheAdmin();
        await host.StartAsync();
        var mounted = host.Services.GetRequiredService<MountService>();
        await mounted.Mounted.Task;
        var web = host.Urls.FirstOrDefault()?.TrimEnd('/');
        var dashboard = web is null ? "(no web address)"
            : host.Services.GetRequiredService<AdminOptions>().Dashboard ? web + WriteCacheAdminExtensions.DashboardPath
            : "(off: Admin:Dashboard=false)";
        var view = web is null ? "(no web address)" : web + WriteCache.Silo.Admin.WriteCacheView.Path;
        Console.WriteLine($"wcache: mounted at {Path.GetFullPath(mount)} (data in {data}); dashboard at {dashboard}, write-cache view at {view}; Ctrl-C to unmount and stop");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
