using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Hosting;

namespace WriteCache.Policies;

/// <summary>The cluster's durable table of write policies; the longest matching prefix decides.</summary>
public sealed class PolicyGrain(
    [PersistentState("policies", WriteCacheStorage.Name)] IPersistentState<PolicyState> state,
    IOptions<WriteCacheOptions> options) : Grain, IPolicyGrain
{
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
        await state.WriteStateAsync();
        return CacheResult.Ok;
    }

    async Task<CacheResult> IPolicyGrain.Remove(string prefix)
    {
        var normalized = CachePath.Normalize(prefix);
        if (normalized is null || !state.State.Rules.Remove(normalized))
        {
            return CacheResult.Fail(CacheError.NotFound, $"no policy is set on '{prefix}'");
        }

        await state.WriteStateAsync();
        return CacheResult.Ok;
    }

    Task<CacheResult<ResolvedPolicy>> IPolicyGrain.Resolve(string path)
    {
        var normalized = CachePath.Normalize(path);
        if (normalized is null)
        {
            return Task.FromResult(CacheResult<ResolvedPolicy>.Fail(CacheError.InvalidArgument, $"'{path}' is not an absolute path"));
        }

        string? best = null;
        foreach (var prefix in state.State.Rules.Keys)
        {
            if (CachePath.IsUnder(normalized, prefix) && (best is null || prefix.Length > best.Length))
            {
                best = prefix;
            }
        }

        var resolved = best is null
            ? new ResolvedPolicy(normalized, options.Value.ResolveDefaultPolicy(), null)
            : new ResolvedPolicy(normalized, state.State.Rules[best], best);
        return Task.FromResult(CacheResult<ResolvedPolicy>.Ok(resolved));
    }

    Task<IReadOnlyList<PolicyRule>> IPolicyGrain.List() =>
        Task.FromResult<IReadOnlyList<PolicyRule>>(state.State.Rules
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new PolicyRule(r.Key, r.Value))
            .ToList());

    Task<PolicyState> IPolicyGrain.GetState() => Task.FromResult(state.State);
}
