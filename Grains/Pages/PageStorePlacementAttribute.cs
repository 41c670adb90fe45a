using Orleans.Placement;

namespace WriteCache.Pages;

/// <summary>Marks a grain class as placed by <see cref="PageStorePlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PageStorePlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public PageStorePlacementAttribute()
        : base(PageStorePlacement.Instance)
    {
    }
}
