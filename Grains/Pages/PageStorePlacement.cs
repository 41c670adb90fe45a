namespace WriteCache.Pages;

/// <summary>Places a page store grain on the silo whose name is the grain's key: the node whose disk holds those pages.</summary>
[GenerateSerializer]
[Alias("WriteCache.Pages.PageStorePlacement")]
public sealed class PageStorePlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static PageStorePlacement Instance { get; } = new();

    /// <inheritdoc />
    public override bool IsUsingGrainDirectory => true;
}
