using Microsoft.Extensions.Options;
using WriteCache.Configuration;

namespace WriteCache.Policies;

/// <summary>
/// This silo's copy of the cluster's policy table, so resolving the policy of a create is a lookup here instead of a
/// call to the cluster's one policy grain (which every create in the cluster would otherwise queue on). The policy
/// grain tells every live silo after each change (<see cref="IPolicyCacheGrain"/>) before the change returns, so a
/// create never uses a table older than a change that has returned; a silo the notice could not reach asks again
/// after <see cref="MaxAge"/> at the latest.
/// </summary>
public sealed class PolicyCache(IGrainFactory grains, IOptions<WriteCacheOptions> options, TimeProvider time)
{
    /// <summary>Longest a table is used without asking the policy grain again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    // A fetch that keeps coming back older than a notice is used anyway after this many tries.
    private const int MaxFetches = 3;

    private readonly Lock gate = new();
    private PolicyTable? table;
    private long fetchedAt;
    private long noticedVersion;
    private Task<PolicyTable>? fetching;

    /// <summary>The policy that applies to <paramref name="path"/>, as the policy grain would answer.</summary>
    public async Task<CacheResult<ResolvedPolicy>> ResolveAsync(string path) =>
        (await CurrentAsync().ConfigureAwait(false)).Resolve(path, options.Value.ResolveDefaultPolicy());

    /// <summary>The policy grain's notice that the table is at <paramref name="version"/>: an older copy is dropped.</summary>
    public void Invalidate(long version)
    {
        lock (gate)
        {
            noticedVersion = Math.Max(noticedVersion, version);
            if (table is not null && table.Version < version)
            {
                table = null;
            }
        }
    }

    private Task<PolicyTable> FetchAsync()
    {
        Diagnostics.WriteCacheMetrics.PolicyTableFetched();
        return grains.Policies().GetTable();
    }

    private async Task<PolicyTable> CurrentAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Task<PolicyTable> pending;
            lock (gate)
            {
                if (table is not null && time.GetElapsedTime(fetchedAt) < MaxAge)
                {
                    return table;
                }

                // Concurrent creates share one fetch.
                pending = fetching ??= FetchAsync();
            }

            PolicyTable fetched;
            try
            {
                fetched = await pending.ConfigureAwait(false);
            }
            finally
            {
                lock (gate)
                {
                    if (fetching == pending)
                    {
                        fetching = null;
                    }
                }
            }

            lock (gate)
            {
                // A notice of a newer version that arrived while this fetch was out means the fetch may predate it.
                if (fetched.Version >= noticedVersion || attempt == MaxFetches)
                {
                    if (table is null || fetched.Version >= table.Version)
                    {
                        table = fetched;
                        fetchedAt = time.GetTimestamp();
                    }

                    return fetched;
                }
            }
        }
    }
}
