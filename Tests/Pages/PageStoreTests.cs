using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Pages;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Pages;

/// <summary>One silo's page store on a real directory: accounting, pinning, eviction and reopening.</summary>
public sealed class PageStoreTests : IDisposable
{
    private const int Page = 64 * 1024;
    private readonly TempDirectory directory = new("wcache-pagestore");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task APageReadsBackAsWrittenAndPartialReadsReturnTheRequestedRange()
    {
        var store = Open(capacity: 10 * Page, ratio: 1);
        var incarnation = Guid.NewGuid();
        var bytes = TestData.Bytes(Page, seed: 1);

        Assert.True((await store.WriteAsync(incarnation, 0, bytes)).IsOk);

        Assert.Equal(bytes, (await store.ReadAsync(incarnation, 0, 0, Page)).Value);
        Assert.Equal(bytes[100..200], (await store.ReadAsync(incarnation, 0, 100, 100)).Value);
        Assert.Equal(CacheError.NotFound, (await store.ReadAsync(incarnation, 1, 0, Page)).Error);
    }

    [Fact]
    public async Task OverwritingAPageBeforeTheSealReplacesItWithoutDoubleCounting()
    {
        var store = Open(capacity: 10 * Page, ratio: 1);
        var incarnation = Guid.NewGuid();
        await store.WriteAsync(incarnation, 0, TestData.Bytes(Page, seed: 1));

        var newer = TestData.Bytes(Page / 2, seed: 2);
        Assert.True((await store.WriteAsync(incarnation, 0, newer)).IsOk);

        Assert.Equal(newer, (await store.ReadAsync(incarnation, 0, 0, Page)).Value);
        Assert.Equal(Page / 2, store.GetStats("test").UsedBytes);
        Assert.Equal(Page / 2, store.GetStats("test").PinnedBytes);
    }

    [Fact]
    public async Task PinnedBytesPastTheRatioAreRefusedAndNothingStoredIsHarmed()
    {
        var store = Open(capacity: 10 * Page, ratio: 0.3);
        var kept = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await store.WriteAsync(kept, i, TestData.Bytes(Page, seed: i))).IsOk);
        }

        var refused = await store.WriteAsync(Guid.NewGuid(), 0, TestData.Bytes(Page, seed: 9));

        Assert.Equal(CacheError.OutOfSpace, refused.Error);
        Assert.Equal(3 * Page, store.GetStats("test").PinnedBytes);
        Assert.Equal(TestData.Bytes(Page, seed: 2), (await store.ReadAsync(kept, 2, 0, Page)).Value);
    }

    [Fact]
    public async Task CleanPagesAreEvictedLeastRecentlyUsedFirstWhenSpaceIsNeeded()
    {
        var store = Open(capacity: 4 * Page, ratio: 0.5);
        var older = Guid.NewGuid();
        var newer = Guid.NewGuid();
        await store.WriteAsync(older, 0, TestData.Bytes(Page, seed: 1));
        await store.WriteAsync(older, 1, TestData.Bytes(Page, seed: 2));
        await store.SealAsync(older, sync: true);
        await store.UnpinAsync(older);
        await store.WriteAsync(newer, 0, TestData.Bytes(Page, seed: 3));
        await store.WriteAsync(newer, 1, TestData.Bytes(Page, seed: 4));
        await store.SealAsync(newer, sync: true);
        await store.UnpinAsync(newer);
        await store.ReadAsync(older, 0, 0, 1); // older page 0 is now more recent than older page 1

        Assert.True((await store.WriteAsync(Guid.NewGuid(), 0, TestData.Bytes(Page, seed: 5))).IsOk);

        Assert.Equal(CacheError.NotFound, (await store.ReadAsync(older, 1, 0, 1)).Error);
        Assert.True((await store.ReadAsync(older, 0, 0, 1)).IsOk);
        Assert.True((await store.ReadAsync(newer, 0, 0, 1)).IsOk);
        Assert.Equal(1, store.GetStats("test").EvictedPages);
        Assert.Equal(4 * Page, store.GetStats("test").UsedBytes);
    }

    [Fact]
    public async Task PinnedPagesAreNeverEvicted()
    {
        var store = Open(capacity: 2 * Page, ratio: 1);
        var pinned = Guid.NewGuid();
        await store.WriteAsync(pinned, 0, TestData.Bytes(Page, seed: 1));
        await store.WriteAsync(pinned, 1, TestData.Bytes(Page, seed: 2));

        var refused = await store.WriteAsync(Guid.NewGuid(), 0, TestData.Bytes(Page, seed: 3));

        Assert.Equal(CacheError.OutOfSpace, refused.Error);
        Assert.True((await store.ReadAsync(pinned, 1, 0, Page)).IsOk);
    }

    [Fact]
    public async Task ASealedIncarnationRefusesWritesEvenWhereItHasNoPages()
    {
        var store = Open(capacity: 10 * Page, ratio: 1);
        var withPages = Guid.NewGuid();
        var withoutPages = Guid.NewGuid();
        await store.WriteAsync(withPages, 0, TestData.Bytes(Page, seed: 1));

        await store.SealAsync(withPages, sync: true);
        await store.SealAsync(withoutPages, sync: true);

        Assert.Equal(CacheError.AccessDenied, (await store.WriteAsync(withPages, 0, new byte[10])).Error);
        Assert.Equal(CacheError.AccessDenied, (await store.WriteAsync(withoutPages, 3, new byte[10])).Error);
    }

    [Fact]
    public async Task AReopenedStoreFindsItsPagesPinsAndSeals()
    {
        var pinned = Guid.NewGuid();
        var clean = Guid.NewGuid();
        var first = Open(capacity: 10 * Page, ratio: 1);
        await first.WriteAsync(pinned, 0, TestData.Bytes(Page, seed: 1));
        await first.SealAsync(pinned, sync: true);
        await first.WriteAsync(clean, 0, TestData.Bytes(Page / 4, seed: 2));
        await first.SealAsync(clean, sync: true);
        await first.UnpinAsync(clean);

        var reopened = Open(capacity: 10 * Page, ratio: 1);

        var stats = reopened.GetStats("test");
        Assert.Equal(Page + (Page / 4), stats.UsedBytes);
        Assert.Equal(Page, stats.PinnedBytes);
        Assert.Equal(TestData.Bytes(Page, seed: 1), (await reopened.ReadAsync(pinned, 0, 0, Page)).Value);
        Assert.Equal(CacheError.AccessDenied, (await reopened.WriteAsync(pinned, 1, new byte[1])).Error);
    }

    [Fact]
    public async Task DeletingAnIncarnationRemovesItsFilesAndAccounting()
    {
        var store = Open(capacity: 10 * Page, ratio: 1);
        var incarnation = Guid.NewGuid();
        await store.WriteAsync(incarnation, 0, TestData.Bytes(Page, seed: 1));
        await store.WriteAsync(incarnation, 1, TestData.Bytes(Page, seed: 2));

        Assert.Equal(2, (await store.DeleteAsync(incarnation)).Value);

        Assert.Equal(0, store.GetStats("test").UsedBytes);
        Assert.Empty(store.ListIncarnations());
        Assert.Empty(PageFilesOf(incarnation));
    }

    [Fact]
    public async Task APageSentAfterItsIncarnationWasDeletedIsRefusedAndPinsNothing()
    {
        // A writer still sending while its abandoned file is reclaimed: the late page must not stay pinned for ever.
        var store = Open(capacity: 10 * Page, ratio: 1);
        var incarnation = Guid.NewGuid();
        await store.WriteAsync(incarnation, 0, TestData.Bytes(Page, seed: 1));
        await store.DeleteAsync(incarnation);

        var late = await store.WriteAsync(incarnation, 1, TestData.Bytes(Page, seed: 2));

        Assert.Equal(CacheError.AccessDenied, late.Error);
        Assert.Equal(0, store.GetStats("test").PinnedBytes);
        Assert.Empty(store.ListIncarnations());
        Assert.Empty(PageFilesOf(incarnation));
    }

    [Fact]
    public async Task ADeleteCutShortByACrashIsFinishedWhenTheStoreReopens()
    {
        var first = Open(capacity: 10 * Page, ratio: 1);
        var incarnation = Guid.NewGuid();
        await first.WriteAsync(incarnation, 0, TestData.Bytes(Page, seed: 1));
        await first.SealAsync(incarnation, sync: true);
        var survivor = PageFilesOf(incarnation).Single();
        File.Copy(survivor, survivor + ".kept");

        await first.DeleteAsync(incarnation);
        File.Move(survivor + ".kept", survivor); // the crash came after the delete's record, before its file went
        first.Dispose();

        var reopened = Open(capacity: 10 * Page, ratio: 1);

        Assert.Empty(PageFilesOf(incarnation));
        Assert.Equal(0, reopened.GetStats("test").UsedBytes);
        Assert.Equal(CacheError.NotFound, (await reopened.ReadAsync(incarnation, 0, 0, Page)).Error);
    }

    [Fact]
    public async Task ATornLastJournalRecordIsIgnoredAndTheStoreKeepsWorking()
    {
        var first = Open(capacity: 10 * Page, ratio: 1);
        var sealedOne = Guid.NewGuid();
        await first.WriteAsync(sealedOne, 0, TestData.Bytes(Page, seed: 1));
        await first.SealAsync(sealedOne, sync: true);
        first.Dispose();
        await using (var journal = new FileStream(directory.Combine("pages", "journal"), FileMode.Append))
        {
            journal.Write([0x57, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]); // part of a record: the machine stopped mid-write
        }

        var second = Open(capacity: 10 * Page, ratio: 1);
        var later = Guid.NewGuid();
        await second.WriteAsync(later, 0, TestData.Bytes(Page, seed: 2));
        await second.SealAsync(later, sync: true);
        second.Dispose();
        var third = Open(capacity: 10 * Page, ratio: 1);

        Assert.Equal(CacheError.AccessDenied, (await third.WriteAsync(sealedOne, 1, new byte[1])).Error);
        Assert.Equal(CacheError.AccessDenied, (await third.WriteAsync(later, 1, new byte[1])).Error);
        Assert.Equal(TestData.Bytes(Page, seed: 2), (await third.ReadAsync(later, 0, 0, Page)).Value);
    }

    [Fact]
    public async Task AReopenedStoreKeepsOnlyTheJournalRecordsOfItsLiveIncarnations()
    {
        var first = Open(capacity: 100 * Page, ratio: 1);
        var kept = Guid.NewGuid();
        await first.WriteAsync(kept, 0, TestData.Bytes(Page, seed: 1));
        await first.SealAsync(kept, sync: true);
        await first.UnpinAsync(kept);
        for (var i = 0; i < 50; i++)
        {
            var gone = Guid.NewGuid();
            await first.WriteAsync(gone, 0, TestData.Bytes(100, seed: i));
            await first.SealAsync(gone, sync: true);
            await first.UnpinAsync(gone);
            await first.DeleteAsync(gone);
        }

        first.Dispose();

        var reopened = Open(capacity: 100 * Page, ratio: 1);

        Assert.Equal(2 * 20, new FileInfo(directory.Combine("pages", "journal")).Length); // sealed and clean, 20 bytes each
        Assert.Equal(Page, reopened.GetStats("test").UsedBytes);
        Assert.Equal(0, reopened.GetStats("test").PinnedBytes);
    }

    [Fact]
    public async Task AStoreOfTheEarlierLayoutIsConvertedWithItsPagesPinsAndSeals()
    {
        // The layout before the journal: a directory per incarnation, with marker files for sealed and clean.
        var pinned = Guid.NewGuid();
        var clean = Guid.NewGuid();
        var writing = Guid.NewGuid();
        WriteLegacyIncarnation(pinned, [".sealed"], TestData.Bytes(Page, seed: 1), TestData.Bytes(100, seed: 2));
        WriteLegacyIncarnation(clean, [".sealed", ".clean"], TestData.Bytes(Page, seed: 3));
        WriteLegacyIncarnation(writing, [], TestData.Bytes(Page, seed: 4));

        var store = Open(capacity: 10 * Page, ratio: 1);

        var stats = store.GetStats("test");
        Assert.Equal((3 * Page) + 100, stats.UsedBytes);
        Assert.Equal((2 * Page) + 100, stats.PinnedBytes);
        Assert.Equal(TestData.Bytes(100, seed: 2), (await store.ReadAsync(pinned, 1, 0, Page)).Value);
        Assert.Equal(TestData.Bytes(Page, seed: 3), (await store.ReadAsync(clean, 0, 0, Page)).Value);
        Assert.Equal(CacheError.AccessDenied, (await store.WriteAsync(pinned, 2, new byte[1])).Error);
        Assert.True((await store.WriteAsync(writing, 1, TestData.Bytes(10, seed: 5))).IsOk);
        Assert.Empty(Directory.GetDirectories(directory.Combine("pages")));
        store.Dispose();

        var reopened = Open(capacity: 10 * Page, ratio: 1);
        Assert.Equal((2 * Page) + 100 + 10, reopened.GetStats("test").PinnedBytes);
        Assert.Equal(CacheError.AccessDenied, (await reopened.WriteAsync(clean, 1, new byte[1])).Error);
    }

    private void WriteLegacyIncarnation(Guid incarnation, string[] markers, params byte[][] pages)
    {
        var folder = Directory.CreateDirectory(directory.Combine("pages", incarnation.ToString("N"))).FullName;
        for (var i = 0; i < pages.Length; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), pages[i]);
        }

        foreach (var marker in markers)
        {
            File.WriteAllBytes(Path.Combine(folder, marker), []);
        }
    }

    private string[] PageFilesOf(Guid incarnation) =>
        Directory.GetFiles(directory.Combine("pages"), incarnation.ToString("N") + ".*");

    private PageStore Open(long capacity, double ratio) =>
        new("test", Options.Create(new PageStoreOptions { Directory = directory.Path, CapacityBytes = capacity, PinnedCapacityRatio = ratio, PageSize = Page }), NullLogger<PageStore>.Instance);
}
