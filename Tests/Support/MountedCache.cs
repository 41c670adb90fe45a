namespace WriteCache.Tests.Support;

/// <summary>
/// The production topology on one machine, as separate processes: a real silo (SQLite metadata, local
/// page store, loopback ports) and the real gateway (<c>wcache mount</c>) serving a FUSE mount. Each can be
/// killed and started again; dispose stops both and always removes the mount.
/// </summary>
public sealed class MountedCache : IAsyncDisposable
{
    private readonly TempDirectory root;
    private readonly string[] gatewaySettings;

    private MountedCache(TempDirectory root, string[] gatewaySettings)
    {
        this.root = root;
        this.gatewaySettings = gatewaySettings;
    }

    /// <summary>The silo process.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The gateway process.</summary>
    public ServiceProcess Gateway { get; private set; } = null!;

    /// <summary>The under file system (a local directory) the silo persists to.</summary>
    public string Ufs => root.Combine("ufs");

    /// <summary>The mount point.</summary>
    public string Mount => root.Combine("mnt");

    /// <summary>Scratch space outside the mount.</summary>
    public string Scratch => root.Combine("scratch");

    /// <summary>The page store's capacity.</summary>
    public long CapacityBytes { get; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Starts a silo and a gateway; <paramref name="gatewaySettings"/> are extra <c>--Section:Key=value</c> arguments for the gateway.</summary>
    public static Task<MountedCache> StartAsync(params string[] gatewaySettings) => StartAsync([], gatewaySettings);

    /// <summary>Starts a silo with extra <paramref name="siloSettings"/> and a gateway with extra <paramref name="gatewaySettings"/>.</summary>
    public static async Task<MountedCache> StartAsync(string[] siloSettings, string[] gatewaySettings)
    {
        var cache = new MountedCache(new TempDirectory("wcache-mount"), gatewaySettings);
        Directory.CreateDirectory(cache.Scratch);
        try
        {
            cache.Silo = await SiloProcess.StartAsync(cache.root.Path, [$"--PageStore:CapacityBytes={cache.CapacityBytes}", "--PageStore:PinnedCapacityRatio=0.5", .. siloSettings]);
            await cache.StartGatewayAsync();
            return cache;
        }
        catch
        {
            await cache.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the gateway (again) on the same mount point.</summary>
    public async Task StartGatewayAsync()
    {
        Gateway = ServiceProcess.Start("wcache.dll", [
            "mount", Mount,
            $"--Cluster:GatewayPort={Silo.GatewayPort}",
            .. gatewaySettings]);
        if (!await Gateway.WaitForOutputAsync("wcache: mounted at", TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException($"The gateway did not mount {Mount}: {Gateway.Output}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Gateway is not null)
            {
                await Gateway.DisposeAsync();
            }

            if (Silo is not null)
            {
                await Silo.DisposeAsync();
            }
        }
        finally
        {
            await Shell.RunAsync("umount", ["-l", Mount], 10);
            root.Dispose();
        }
    }
}
