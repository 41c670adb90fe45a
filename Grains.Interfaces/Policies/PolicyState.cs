namespace WriteCache.Policies;

/// <summary>The durable state of the policy grain: prefix to policy.</summary>
[GenerateSerializer]
[Alias("WriteCache.Policies.PolicyState")]
public sealed class PolicyState
{
    /// <summary>Rules keyed by normalized path prefix.</summary>
    [Id(0)]
    public Dictionary<string, WritePolicy> Rules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Grows with every change of <see cref="Rules"/>; silos' caches compare it to know they are current.</summary>
    [Id(1)]
    public long Version { get; set; }
}
