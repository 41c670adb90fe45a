using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WriteCache.FuseGateway.FileSystem;
using WriteCache.FuseGateway.Kernel;

namespace WriteCache.FuseGateway.Hosting;

/// <summary>Mounts the cache when the host starts (after the Orleans client or silo it is registered behind) and unmounts it on stop.</summary>
public sealed partial class MountService(
    CacheFileSystem fileSystem,
    IOptions<GatewayOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<MountService> logger) : IHostedService
{
    private FuseServer? server;

    /// <summary>Completes once the mount serves requests.</summary>
    public TaskCompletionSource Mounted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var mountPoint = Path.GetFullPath(options.Value.MountPoint);

        // A gateway that died leaves a mount nothing answers ("not connected"): remove it before anything touches the path.
        FuseMount.RemoveStaleMount(mountPoint, logger: logger);
        Directory.CreateDirectory(mountPoint);
        server = await FuseServer.StartAsync(
            mountPoint,
            fileSystem,
            new FuseMountOptions { FsName = "wcache", Subtype = "wcache", ReadAheadKiB = options.Value.ReadAheadKiB },
            new FuseConnectionOptions
            {
                ReaderThreads = options.Value.ReaderThreads,
                WritebackCache = options.Value.WritebackCache,

                // O_TRUNC arrives with OPEN instead of a separate SETATTR: a NO_CACHE overwrite is then one decision, not two.
                AtomicOTrunc = true,
            },
            logger,
            cancellationToken);
        LogMounted(mountPoint);
        Mounted.TrySetResult();

        // Unmounted from outside (fusermount3 -u): stop the process rather than serve nothing.
        _ = server.Completion.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync();
            LogUnmounted(server.MountPoint);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mounted the write cache at {MountPoint}")]
    private partial void LogMounted(string mountPoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unmounted {MountPoint}")]
    private partial void LogUnmounted(string mountPoint);
}
