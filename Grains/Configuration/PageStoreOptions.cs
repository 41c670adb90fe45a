namespace WriteCache.Configuration;

/// <summary>The silo's page store on local NVMe, bound from the <c>PageStore</c> configuration section.</summary>
public sealed class PageStoreOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "PageStore";

    /// <summary>Directory holding the pages. Required; a silo restarted on the same directory finds its pages again.</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>Bytes per page. Default 1 MiB; changing it affects only files created afterwards.</summary>
    public int PageSize { get; set; } = 1024 * 1024;

    /// <summary>Bytes the store may use. Default 8 GiB.</summary>
    public long CapacityBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Share of capacity that unpersisted (pinned) pages may take; writes past it get ENOSPC. Default 0.3.</summary>
    public double PinnedCapacityRatio { get; set; } = 0.3;

    /// <summary>Copies of each page on distinct silos. Default 1; 2 survives the loss of a node before persistence.</summary>
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>Whether pages are fsync'd before a commit is acknowledged. Default true; false risks acknowledged data on power loss.</summary>
    public bool SyncOnCommit { get; set; } = true;

    /// <summary>The pinned limit in bytes.</summary>
    public long PinnedLimitBytes => (long)(CapacityBytes * PinnedCapacityRatio);
}
