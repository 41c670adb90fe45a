namespace WriteCache.Silo.Hosting;

/// <summary>How this silo finds and joins its cluster, bound from the <c>Cluster</c> configuration section.</summary>
public sealed class ClusterHostingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>Membership on one machine, no external services (the embedded default).</summary>
    public const string Localhost = "Localhost";

    /// <summary>Membership in the PostgreSQL database named by <c>Metadata:ConnectionString</c>.</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary>Identifies one deployment; silos and gateways with the same id form a cluster. Default "writecache".</summary>
    public string ClusterId { get; set; } = "writecache";

    /// <summary>Identifies the service across deployments; keys durable state and reminders. Default "writecache".</summary>
    public string ServiceId { get; set; } = "writecache";

    /// <summary><c>Localhost</c> (default) or <c>PostgreSql</c>.</summary>
    public string Membership { get; set; } = Localhost;

    /// <summary>The silo's name: also its page store's name, so it must be unique and stable across restarts. Default: the host name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port that gateways and the CLI connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos reach this one at. Default 127.0.0.1.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Whether the silo runs in a Kubernetes pod with Orleans' Kubernetes hosting: it reads the pod's name, IP and
    /// namespace from the downward-API variables and removes membership entries of pods that are gone, so a dead
    /// silo is noticed at once. Default false; needs the pod RBAC of k8s/base/rbac.yaml.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>The silo name to use: <see cref="Name"/>, or the host name when it is empty.</summary>
    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? Environment.MachineName : Name;
}
