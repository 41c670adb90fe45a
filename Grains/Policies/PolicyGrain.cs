using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Hosting;
using WriteCache.Placement;

namespace WriteCache.Policies;

/// <summary>
/// The cluster's durable table of write policies; the longest matching prefix decides. Creates resolve through each
/// silo's <see cref="PolicyCache"/>; a change returns once every live silo has been told to drop its older copy.
/// </summary>
public sealed partial class PolicyGrain(
    [PersistentState("policies", WriteCacheStorage.Name)] IPersistentState<PolicyState> state,
    IOptions<WriteCacheOptions> options,
    LiveStores liveSilos,
    ILogger<PolicyGrain> logger) : Grain, IPolicyGrain
{
    /// <summary>Longest a change waits for one silo to hear of it.</summary>
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(5);

    async Task<CacheResult> IPolicyGrain.Set(string prefix, WritePolicy policy)
    {
        var normalized = CachePath.Normalize(prefix);
        if (normalized is null)
        {
            return CacheResult.Fail(CacheError.InvalidArgument, $"'{prefix}' is not an absolute path");
        }

        if (!Enum.IsDefined(policy))
        {
            return CacheResult.Fail(CacheError.InvalidArgument, $"unknown policy {policy}");
        }

        state.State.Rules[normalized] = policy;
        await SaveAndTellSilosAsync();
        return CacheResult.Ok;
    }

    async Task<CacheResult> IPolicyGrain.Remove(string prefix)
    {
        var normalized = CachePath.Normalize(prefix);
        if (normalized is null || !state.State.Rules.Remove(normalized))
        {
            return CacheResult.Fail(CacheError.NotFound, $"no policy is set on '{prefix}'");
        }

        await SaveAndTellSilosAsync();
        return CacheResult.Ok;
    }

    Task<CacheResult<ResolvedPolicy>> IPolicyGrain.Resolve(string path) =>
        Task.FromResult(new PolicyTable(state.State.Version, state.State.Rules).Resolve(path, options.Value.ResolveDefaultPolicy()));

    Task<PolicyTable> IPolicyGrain.GetTable() =>
        Task.FromResult(new PolicyTable(state.State.Version, new Dictionary<string, WritePolicy>(state.State.Rules, StringComparer.Ordinal)));

    Task<IReadOnlyList<PolicyRule>> IPolicyGrain.List() =>
        Task.FromResult<IReadOnlyList<PolicyRule>>(state.State.Rules
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new PolicyRule(r.Key, r.Value))
            .ToList());

    Task<PolicyState> IPolicyGrain.GetState() => Task.FromResult(state.State);

    private async Task SaveAndTellSilosAsync()
    {
        state.State.Version++;
        await state.WriteStateAsync();

        // Durable first, then told: a silo that fetches after the notice gets this version or a newer one. A silo that
        // cannot be reached now (going away, or cut off; waited for at most NoticeTimeout, not the call timeout) drops
        // its copy when it ages out.
        var version = state.State.Version;
        await Task.WhenAll(liveSilos.Current().Select(async silo =>
        {
            try
            {
                await GrainFactory.GetGrain<IPolicyCacheGrain>(silo).Invalidate(version).WaitAsync(NoticeTimeout);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogSiloNotTold(silo, version, e);
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell silo {Silo} of policy table version {Version}; its copy is used until it ages out")]
    private partial void LogSiloNotTold(string silo, long version, Exception exception);
}
