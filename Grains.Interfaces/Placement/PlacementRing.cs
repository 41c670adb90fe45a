namespace WriteCache.Placement;

/// <summary>
/// A consistent hash ring over page store names. Page <c>i</c> of an incarnation goes to the first
/// store clockwise of hash(incarnation, i), copies to the next distinct stores. Deterministic across
/// processes, so writers and grains agree without asking each other.
/// </summary>
public sealed class PlacementRing
{
    /// <summary>Points per store: enough that a few stores share pages evenly.</summary>
    public const int VirtualNodesPerStore = 128;

    private readonly ulong[] points;
    private readonly string[] owners;

    /// <summary>Builds the ring over <paramref name="stores"/> (order does not matter).</summary>
    public PlacementRing(IEnumerable<string> stores)
    {
        Stores = stores.Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        var ring = new List<(ulong Point, string Owner)>(Stores.Count * VirtualNodesPerStore);
        foreach (var store in Stores)
        {
            var storeHash = StableHash.Of(store);
            for (var v = 0; v < VirtualNodesPerStore; v++)
            {
                ring.Add((StableHash.Mix(storeHash ^ (ulong)(v + 1) * 0x9E3779B97F4A7C15UL), store));
            }
        }

        ring.Sort((a, b) => a.Point != b.Point ? a.Point.CompareTo(b.Point) : string.CompareOrdinal(a.Owner, b.Owner));
        points = ring.Select(p => p.Point).ToArray();
        owners = ring.Select(p => p.Owner).ToArray();
    }

    /// <summary>The stores on the ring, sorted.</summary>
    public IReadOnlyList<string> Stores { get; }

    /// <summary>The stores for page <paramref name="index"/> of <paramref name="incarnation"/>: up to <paramref name="copies"/> distinct names, primary first.</summary>
    public string[] Place(Guid incarnation, int index, int copies)
    {
        if (Stores.Count == 0)
        {
            throw new InvalidOperationException("The placement ring has no page stores.");
        }

        var wanted = Math.Min(copies, Stores.Count);
        var result = new string[wanted];
        var key = StableHash.Of(incarnation, index);
        var start = Array.BinarySearch(points, key);
        if (start < 0)
        {
            start = ~start;
        }

        var found = 0;
        for (var step = 0; step < points.Length && found < wanted; step++)
        {
            var owner = owners[(start + step) % points.Length];
            if (Array.IndexOf(result, owner, 0, found) < 0)
            {
                result[found++] = owner;
            }
        }

        return result;
    }
}
