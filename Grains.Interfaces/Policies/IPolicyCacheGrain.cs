namespace WriteCache.Policies;

/// <summary>
/// A silo's door to its policy cache, keyed by the silo's name and placed on that silo: the policy grain calls it
/// after every change, so no silo resolves a create with a table older than the change it was told of.
/// </summary>
[Alias("WriteCache.Policies.IPolicyCacheGrain")]
public interface IPolicyCacheGrain : IGrainWithStringKey
{
    /// <summary>Drops this silo's cached table unless it is at <paramref name="version"/> or newer.</summary>
    [Alias("Invalidate")]
    Task Invalidate(long version);
}
