using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>A mounted and served file system: one <see cref="FuseMount"/> plus the <see cref="FuseConnection"/> serving it.</summary>
/// <remarks>The host's handle: <see cref="StartAsync"/> returns once the kernel's INIT is answered; <see cref="StopAsync"/> unmounts and waits for the readers.</remarks>
public sealed class FuseServer : IAsyncDisposable
{
    /// <summary>How long <see cref="StartAsync"/> waits for the kernel's INIT.</summary>
    public static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="StopAsync"/> waits for the readers after unmounting before aborting the connection.</summary>
    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger;
    private int _stopped;

    private FuseServer(FuseMount mount, FuseConnection connection, ILogger logger)
    {
        Mount = mount;
        Connection = connection;
        _logger = logger;
    }

    /// <summary>The mount.</summary>
    public FuseMount Mount { get; }

    /// <summary>The connection serving it.</summary>
    public FuseConnection Connection { get; }

    /// <summary>The absolute mount point.</summary>
    public string MountPoint => Mount.MountPoint;

    /// <summary>Completes when the connection has ended (unmounted, aborted, or stopped).</summary>
    public Task Completion => Connection.Completion;

    /// <summary>Mounts <paramref name="fileSystem"/> at <paramref name="mountPoint"/> and serves it until stopped or unmounted.</summary>
    public static async Task<FuseServer> StartAsync(
        string mountPoint,
        IFuseFileSystem fileSystem,
        FuseMountOptions? mountOptions = null,
        FuseConnectionOptions? connectionOptions = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var mount = FuseMount.Mount(mountPoint, mountOptions, logger);
        FuseConnection connection;
        try
        {
            connection = new FuseConnection(mount.Device, fileSystem, connectionOptions, logger);
            connection.Start();
        }
        catch
        {
            mount.Dispose();
            throw;
        }

        var server = new FuseServer(mount, connection, logger);
        try
        {
            await connection.Initialized.WaitAsync(InitTimeout, cancellationToken).ConfigureAwait(false);
            var readAhead = (mountOptions ?? new FuseMountOptions()).ReadAheadKiB;
            if (readAhead > 0)
            {
                // Not now: the kernel applies INIT's readahead limit only when it has read our reply, before any other request.
                _ = connection.Dispatcher.Serving.ContinueWith(
                    _ => mount.TrySetReadAhead(readAhead),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion,
                    TaskScheduler.Default);
            }
        }
        catch
        {
            await server.StopAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Unmounts lazily, waits for the readers to see ENODEV, aborts the connection if they do not in time, and closes the device. Idempotent.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await Completion.ConfigureAwait(false);
            return;
        }

        Mount.Unmount();
        var wait = timeout ?? DefaultStopTimeout;
        if (!await WaitAsync(Completion, wait).ConfigureAwait(false))
        {
            // A detached mount lives on while files in it are open; abort so our threads end regardless.
            KernelLog.StopTimedOut(_logger, wait);
            TryAbort();
            await WaitAsync(Completion, wait).ConfigureAwait(false);
        }

        Mount.Dispose();
        KernelLog.ConnectionEnded(_logger, MountPoint);
    }

    /// <summary>Simulates a crash: aborts the connection and closes the device without unmounting, leaving a stale mount behind.</summary>
    public async Task KillAsync()
    {
        Interlocked.Exchange(ref _stopped, 1);
        Mount.Abort();
        await WaitAsync(Completion, DefaultStopTimeout).ConfigureAwait(false);
        Mount.Abandon();
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static async Task<bool> WaitAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void TryAbort()
    {
        try
        {
            Mount.Abort();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            KernelLog.UnmountFailed(_logger, MountPoint, ex.Message);
        }
    }
}
