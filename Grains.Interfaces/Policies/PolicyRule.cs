namespace WriteCache.Policies;

/// <summary>A write policy bound to a path prefix.</summary>
[GenerateSerializer]
[Alias("WriteCache.Policies.PolicyRule")]
public sealed record PolicyRule([property: Id(0)] string Prefix, [property: Id(1)] WritePolicy Policy);
