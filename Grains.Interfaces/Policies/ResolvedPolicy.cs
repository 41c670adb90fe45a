namespace WriteCache.Policies;

/// <summary>The policy that applies to a path, and the rule it came from (null prefix: the cluster default).</summary>
[GenerateSerializer]
[Alias("WriteCache.Policies.ResolvedPolicy")]
public sealed record ResolvedPolicy(
    [property: Id(0)] string Path,
    [property: Id(1)] WritePolicy Policy,
    [property: Id(2)] string? FromPrefix);
