namespace WriteCache.Policies;

/// <summary>The cluster's table of write policies by path prefix; longest prefix wins. One per cluster, keyed <see cref="ClusterKey"/>.</summary>
[Alias("WriteCache.Policies.IPolicyGrain")]
public interface IPolicyGrain : IGrainWithStringKey
{
    /// <summary>The key of the one policy grain of a cluster.</summary>
    const string ClusterKey = "cluster";

    /// <summary>Binds <paramref name="policy"/> to <paramref name="prefix"/>, replacing any rule for the same prefix.</summary>
    [Alias("Set")]
    Task<CacheResult> Set(string prefix, WritePolicy policy);

    /// <summary>Removes the rule for exactly <paramref name="prefix"/>; NotFound when there is none.</summary>
    [Alias("Remove")]
    Task<CacheResult> Remove(string prefix);

    /// <summary>The policy that applies to <paramref name="path"/>.</summary>
    [Alias("Resolve")]
    Task<CacheResult<ResolvedPolicy>> Resolve(string path);

    /// <summary>The whole table and its version, for a silo's policy cache.</summary>
    [Alias("GetTable")]
    Task<PolicyTable> GetTable();

    /// <summary>Every rule, sorted by prefix.</summary>
    [Alias("List")]
    Task<IReadOnlyList<PolicyRule>> List();

    /// <summary>The grain's whole state, for the dashboard's grain-state view.</summary>
    [Alias("GetState")]
    Task<PolicyState> GetState();
}
