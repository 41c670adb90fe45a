namespace WriteCache.Pages;

/// <summary>Capacity accounting of one silo's page store.</summary>
[GenerateSerializer]
[Alias("WriteCache.Pages.PageStoreStats")]
public sealed record PageStoreStats(
    [property: Id(0)] string StoreName,
    [property: Id(1)] string SiloAddress,
    [property: Id(2)] string Directory,
    [property: Id(3)] long CapacityBytes,
    [property: Id(4)] long UsedBytes,
    [property: Id(5)] long PinnedBytes,
    [property: Id(6)] long PinnedLimitBytes,
    [property: Id(7)] long PageCount,
    [property: Id(8)] int IncarnationCount,
    [property: Id(9)] long EvictedPages)
{
    /// <summary>Pinned bytes as a share of capacity.</summary>
    public double PinnedRatio => CapacityBytes == 0 ? 0 : (double)PinnedBytes / CapacityBytes;
}
