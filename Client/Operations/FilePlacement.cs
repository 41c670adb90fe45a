using WriteCache.Files;

namespace WriteCache.Client.Operations;

/// <summary>Where a file's pages are, counted per silo: the placement line of <c>wcache fs stat</c> and the view's file page.</summary>
public static class FilePlacement
{
    /// <summary>Page copies held by each store, by store name in order.</summary>
    public static IReadOnlyDictionary<string, int> BySilo(PageMap pages) =>
        Enumerable.Range(0, pages.PageCount)
            .SelectMany(pages.StoresOf)
            .GroupBy(s => s)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
}
