namespace WriteCache.Placement;

/// <summary>The page stores of the silos that are alive now: the members of the placement ring.</summary>
public sealed class LiveStores(IClusterMembershipService membership)
{
    /// <summary>Names of the active silos, sorted.</summary>
    public IReadOnlyList<string> Current() =>
        membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
