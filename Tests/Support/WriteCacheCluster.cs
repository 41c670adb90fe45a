using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using WriteCache.Pages;

namespace WriteCache.Tests.Support;

/// <summary>
/// A real in-process Orleans cluster running the write cache: several silos, each with its own
/// page store directory under one root, sharing one metadata database. Can be stopped and started
/// again on the same directories and database, as after a full cluster restart.
/// </summary>
public sealed class WriteCacheCluster : IAsyncDisposable
{
    private readonly string root;
    private readonly short siloCount;
    private readonly IReadOnlyDictionary<string, string?> settings;

    private WriteCacheCluster(string root, short siloCount, IReadOnlyDictionary<string, string?> settings, InProcessTestCluster cluster)
    {
        this.root = root;
        this.siloCount = siloCount;
        this.settings = settings;
        Cluster = cluster;
    }

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; }

    /// <summary>The cluster id clients must use.</summary>
    public const string ClusterId = "wcache-test";

    /// <summary>The service id clients must use; stable across restarts of this cluster.</summary>
    public string ServiceId => ServiceIdFor(root);

    /// <summary>A client connected to the cluster, as a gateway would be.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>Names of the running silos, which are also their page stores' names.</summary>
    public IReadOnlyList<string> StoreNames => Cluster.Silos.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Starts <paramref name="siloCount"/> silos with page stores under <paramref name="root"/>. Settings are
    /// configuration keys (e.g. <c>PageStore:ReplicationFactor</c>); the metadata database defaults to SQLite under the root.
    /// </summary>
    public static async Task<WriteCacheCluster> StartAsync(string root, short siloCount = 3, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>
        {
            ["Metadata:Provider"] = "Sqlite",
            ["Metadata:SqlitePath"] = Path.Combine(root, "metadata.db"),
            ["WriteCache:Enabled"] = "true",
            ["Ufs:Mounts:0:Prefix"] = "/",
            ["Ufs:Mounts:0:Location"] = Path.Combine(root, "ufs"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var cluster = await DeployAsync(root, siloCount, merged);
        return new WriteCacheCluster(root, siloCount, merged, cluster);
    }

    /// <summary>Stops every silo and the client, then starts the same silos again on the same directories and database.</summary>
    public async Task RestartAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = await DeployAsync(root, siloCount, settings);
    }

    /// <summary>Stops one silo, as a node loss.</summary>
    public Task StopSiloAsync(string store) => Cluster.StopSiloAsync(Cluster.Silos.Single(s => s.Name == store));

    /// <summary>The page store grain of the silo named <paramref name="store"/>.</summary>
    public IPageStoreGrain PageStore(string store) => Client.GetGrain<IPageStoreGrain>(store);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }

    private static string ServiceIdFor(string root) => "wcache-" + Path.GetFileName(root);

    private static async Task<InProcessTestCluster> DeployAsync(string root, short siloCount, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = new InProcessTestClusterBuilder(siloCount);

        // Durable state and reminders are keyed by service id: keep it across restarts, as a real deployment does.
        builder.Options.ServiceId = ServiceIdFor(root);
        builder.Options.ClusterId = ClusterId;
        builder.ConfigureSiloHost((silo, host) =>
        {
            var perSilo = new Dictionary<string, string?>(settings)
            {
                ["PageStore:Directory"] = Path.Combine(root, "stores", silo.SiloName),
            };
            host.Configuration.AddInMemoryCollection(perSilo);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddWriteCache();

            // Tests run reminder-driven work (persistence retries, orphan checks) on periods of seconds.
            silo.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
