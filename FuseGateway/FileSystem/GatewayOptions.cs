namespace WriteCache.FuseGateway.FileSystem;

/// <summary>The FUSE gateway's settings, bound from the <c>Fuse</c> configuration section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fuse";

    /// <summary>Where to mount. Required.</summary>
    public string MountPoint { get; set; } = string.Empty;

    /// <summary>Whether unlink of an open file (and a rename to <c>.fuse_hidden*</c>) becomes delete-on-last-close. Default false.</summary>
    public bool SillyRenameInterceptor { get; set; }

    /// <summary>How long the kernel may cache attributes and names, and this gateway a directory's attributes. Default 1 s: files written elsewhere show up within it.</summary>
    public TimeSpan AttributeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Threads reading requests from the device, each on its own cloned descriptor. Default 4.</summary>
    public int ReaderThreads { get; set; } = 4;

    /// <summary>
    /// Whether the kernel may buffer writes in its page cache and send them later (FUSE writeback cache).
    /// Default false: with it, close(2) can return before our FLUSH sees the data, and errors surface late.
    /// </summary>
    public bool WritebackCache { get; set; }

    /// <summary>
    /// The kernel's readahead window for sequential readers of the mount, in KiB. Default 1024 (one page-store page per
    /// READ; the kernel's own 128 KiB costs eight round trips per page); 0 keeps the kernel's.
    /// </summary>
    public int ReadAheadKiB { get; set; } = 1024;

    /// <summary>Pages a writer keeps in flight to the page stores. Default 16.</summary>
    public int PagesInFlight { get; set; } = 16;

    /// <summary>
    /// Where the gateway serves Prometheus metrics at <c>/metrics</c> (<c>;</c>-separated URLs, e.g. http://127.0.0.1:9464).
    /// Default empty: off, because several gateways on one machine (and the tests) would fight over one port; in
    /// <c>wcache local</c> the gateway's metrics are on the silo's <c>/metrics</c> anyway.
    /// </summary>
    public string MetricsUrls { get; set; } = string.Empty;
}
