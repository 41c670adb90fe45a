using WriteCache.Placement;

namespace WriteCache.Tests.Placement;

/// <summary>The consistent hash ring that places pages on page stores.</summary>
public sealed class PlacementRingTests
{
    private static readonly string[] ThreeStores = ["silo-a", "silo-b", "silo-c"];

    [Fact]
    public void PlacementIsTheSameWhateverOrderTheStoresAreGivenIn()
    {
        var incarnation = Guid.NewGuid();
        var forward = new PlacementRing(ThreeStores);
        var backward = new PlacementRing(ThreeStores.Reverse());

        for (var page = 0; page < 100; page++)
        {
            Assert.Equal(forward.Place(incarnation, page, 2), backward.Place(incarnation, page, 2));
        }
    }

    [Fact]
    public void PagesOfOneFileSpreadRoughlyEvenlyOverTheStores()
    {
        var ring = new PlacementRing(ThreeStores);
        var incarnation = Guid.Parse("4f9a1c2e-0000-4000-8000-000000000001");

        var counts = Enumerable.Range(0, 3000).GroupBy(i => ring.Place(incarnation, i, 1)[0]).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(ThreeStores, counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, 700, 1300));
    }

    [Fact]
    public void CopiesGoToDistinctStoresAndNeverMoreThanThereAre()
    {
        var ring = new PlacementRing(ThreeStores);

        Assert.Equal(2, ring.Place(Guid.NewGuid(), 5, 2).Distinct().Count());
        Assert.Equal(3, ring.Place(Guid.NewGuid(), 5, 5).Length);
    }

    [Fact]
    public void AddingAStoreMovesOnlyAFractionOfThePages()
    {
        var before = new PlacementRing(ThreeStores);
        var after = new PlacementRing([.. ThreeStores, "silo-d"]);
        var incarnation = Guid.NewGuid();

        var moved = Enumerable.Range(0, 4000).Count(i => before.Place(incarnation, i, 1)[0] != after.Place(incarnation, i, 1)[0]);

        Assert.InRange(moved, 500, 1600);
    }

    [Fact]
    public void AnEmptyRingRefusesToPlace()
    {
        Assert.Throws<InvalidOperationException>(() => new PlacementRing([]).Place(Guid.NewGuid(), 0, 1));
    }
}
