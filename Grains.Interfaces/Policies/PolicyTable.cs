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
    /// The policy for <paramref name="normalizedPath"/>: the rule of the longest prefix that covers it, or
    /// <paramref name="defaultPolicy"/> when none does.
    /// </summary>
    public ResolvedPolicy Resolve(string normalizedPath, WritePolicy defaultPolicy)
    {
        string? best = null;
        foreach (var prefix in Rules.Keys)
        {
            if (CachePath.IsUnder(normalizedPath, prefix) && (best is null || prefix.Length > best.Length))
            {
                best = prefix;
            }
        }

        return best is null
            ? new ResolvedPolicy(normalizedPath, defaultPolicy, null)
            : new ResolvedPolicy(normalizedPath, Rules[best], best);
    }
}
