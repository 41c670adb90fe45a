namespace WriteCache.Tests.Support;

/// <summary>A real silo process (SQLite metadata, local page store, loopback ports) on directories under a root, which can be killed and started again on the same data.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly string root;
    private readonly string[] settings;
    private readonly int siloPort = FreePort.Next();

    private SiloProcess(string root, string name, string[] settings)
    {
        this.root = root;
        Name = name;
        this.settings = settings;
    }

    /// <summary>The silo's name, which is also its page store's name.</summary>
    public string Name { get; }

    /// <summary>The port gateways and clients connect to.</summary>
    public int GatewayPort { get; } = FreePort.Next();

    /// <summary>The port of the silo's web host (dashboard).</summary>
    public int AdminPort { get; } = FreePort.Next();

    /// <summary>The running process.</summary>
    public ServiceProcess Process { get; private set; } = null!;

    /// <summary>Starts a silo with data under <paramref name="root"/>; <paramref name="settings"/> are extra <c>--Section:Key=value</c> arguments.</summary>
    public static Task<SiloProcess> StartAsync(string root, params string[] settings) => StartNamedAsync(root, "silo-a", settings);

    /// <summary>Starts a silo named <paramref name="name"/> with data under <paramref name="root"/>.</summary>
    public static async Task<SiloProcess> StartNamedAsync(string root, string name, params string[] settings)
    {
        var silo = new SiloProcess(root, name, settings);
        await silo.StartAgainAsync();
        return silo;
    }

    /// <summary>Starts the silo (again) on the same ports, directories and database; <paramref name="overrides"/> win over the first settings.</summary>
    public async Task StartAgainAsync(params string[] overrides)
    {
        Process = ServiceProcess.Start("WriteCache.Silo.dll", [
            $"--Cluster:Name={Name}",
            $"--Cluster:SiloPort={siloPort}",
            $"--Cluster:GatewayPort={GatewayPort}",
            $"--Admin:Urls=http://127.0.0.1:{AdminPort}",
            $"--PageStore:Directory={Path.Combine(root, "pages")}",
            $"--Metadata:SqlitePath={Path.Combine(root, "metadata.db")}",
            $"--Ufs:Mounts:0:Location={Path.Combine(root, "ufs")}",
            .. settings,
            .. overrides]);
        if (!await FreePort.WaitUntilListeningAsync(GatewayPort, TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException($"The silo did not open its gateway port {GatewayPort}: {Process.Output}");
        }

        // The web host (dashboard, view, API, metrics) starts after the silo; tests that go straight to it need it up.
        if (!await FreePort.WaitUntilListeningAsync(AdminPort, TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException($"The silo did not open its web port {AdminPort}: {Process.Output}");
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush; what survives is what was durable.</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
