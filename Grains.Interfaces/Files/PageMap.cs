namespace WriteCache.Files;

/// <summary>
/// Where each page of an incarnation lives: for page <c>i</c>, copy <c>r</c> is on
/// <c>Stores[Slots[i * ReplicationFactor + r]]</c>. Kept compact because a large file has many pages.
/// </summary>
[GenerateSerializer]
[Alias("WriteCache.Files.PageMap")]
public sealed class PageMap
{
    /// <summary>Distinct page store names referenced by <see cref="Slots"/>.</summary>
    [Id(0)]
    public List<string> Stores { get; set; } = [];

    /// <summary>Copies per page.</summary>
    [Id(1)]
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>Indices into <see cref="Stores"/>, <see cref="ReplicationFactor"/> per page, page by page.</summary>
    [Id(2)]
    public List<int> Slots { get; set; } = [];

    /// <summary>Number of pages recorded.</summary>
    public int PageCount => ReplicationFactor == 0 ? 0 : Slots.Count / ReplicationFactor;

    /// <summary>The stores holding page <paramref name="index"/>, primary first.</summary>
    public IReadOnlyList<string> StoresOf(int index)
    {
        var copies = new string[ReplicationFactor];
        for (var r = 0; r < ReplicationFactor; r++)
        {
            copies[r] = Stores[Slots[(index * ReplicationFactor) + r]];
        }

        return copies;
    }

    /// <summary>Records that page <paramref name="index"/> went to <paramref name="stores"/>; pages must be set in order or overwritten.</summary>
    public void Set(int index, IReadOnlyList<string> stores)
    {
        if (stores.Count != ReplicationFactor)
        {
            throw new ArgumentException($"Expected {ReplicationFactor} copies, got {stores.Count}.", nameof(stores));
        }

        while (PageCount <= index)
        {
            for (var r = 0; r < ReplicationFactor; r++)
            {
                Slots.Add(-1);
            }
        }

        for (var r = 0; r < ReplicationFactor; r++)
        {
            var slot = Stores.IndexOf(stores[r]);
            if (slot < 0)
            {
                slot = Stores.Count;
                Stores.Add(stores[r]);
            }

            Slots[(index * ReplicationFactor) + r] = slot;
        }
    }

    /// <summary>True when every page below <paramref name="pageCount"/> has its copies recorded.</summary>
    public bool Covers(int pageCount) => PageCount >= pageCount && Slots.Take(pageCount * ReplicationFactor).All(s => s >= 0 && s < Stores.Count);
}
