namespace WriteCache.Policies;

/// <summary>
/// The whole policy table at one version, for a silo's <c>PolicyCache</c>: the cache resolves paths itself, so a
/// create costs no call to the cluster's one policy grain. <see cref="Version"/> grows with every change.
/// </summary>
[GenerateSerializer]
[Alias("WriteCache.Policies.PolicyTable")]
public sealed record PolicyTable(
    [property: Id(0)] long Version,
    [property: Id(1)] Dictionary<string, WritePolicy> Rules)
{
    /// <summary>
    /// The policy for <paramref name="path"/>: the rule of the longest prefix that covers it, or
    /// <paramref name="defaultPolicy"/> when none does; InvalidArgument when the path is not absolute.
    /// </summary>
    public CacheResult<ResolvedPolicy> Resolve(string path, WritePolicy defaultPolicy)
    {
        if (CachePath.Normalize(path) is not { } normalizedPath)
        {
            return CacheResult<ResolvedPolicy>.Fail(CacheError.InvalidArgument, $"'{path}' is not an absolute path");
        }

        string? best = null;
        foreach (var prefix in Rules.Keys)
        {
            if (CachePath.IsUnder(normalizedPath, prefix) && (best is null || prefix.Length > best.Length))
            {
                best = prefix;
            }
        }

        return CacheResult<ResolvedPolicy>.Ok(best is null
            ? new ResolvedPolicy(normalizedPath, defaultPolicy, null)
            : new ResolvedPolicy(normalizedPath, Rules[best], best));
    }
}
