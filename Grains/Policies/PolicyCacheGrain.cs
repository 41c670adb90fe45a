using WriteCache.Pages;

namespace WriteCache.Policies;

/// <summary>Forwards the policy grain's change notices to this silo's <see cref="PolicyCache"/>; placed, like a page store, on the silo its key names.</summary>
[PageStorePlacement]
public sealed class PolicyCacheGrain(PolicyCache cache) : Grain, IPolicyCacheGrain
{
    /// <inheritdoc />
    public Task Invalidate(long version)
    {
        cache.Invalidate(version);
        return Task.CompletedTask;
    }
}
