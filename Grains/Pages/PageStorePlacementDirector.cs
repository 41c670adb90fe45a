using Orleans.Runtime.Placement;

namespace WriteCache.Pages;

/// <summary>Finds the live silo named by a page store grain's key; a store whose silo is down cannot be activated elsewhere.</summary>
public sealed class PageStorePlacementDirector(IClusterMembershipService membership) : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var storeName = target.GrainIdentity.Key.ToString();
        var compatible = context.GetCompatibleSilos(target);
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && member.Name == storeName && compatible.Contains(member.SiloAddress))
            {
                return Task.FromResult(member.SiloAddress);
            }
        }

        throw new SiloUnavailableException($"Page store '{storeName}' is not on any live silo.");
    }
}
