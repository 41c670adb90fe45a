using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Pages;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Pages;

/// <summary>
/// A page store whose disk fills up before its configured capacity does (other files on the disk, or a capacity set
/// larger than it): the refused page is out of space (ENOSPC at the mount), not an I/O error, and what the store
/// holds is unharmed. The disk is a real 1 MiB tmpfs mounted for the test.
/// </summary>
public sealed class PageStoreDiskFullTests : IAsyncLifetime
{
    private const int Page = 64 * 1024;
    private readonly TempDirectory directory = new("wcache-diskfull");

    public async Task InitializeAsync() =>
        (await Shell.RunAsync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", directory.Path], 30)).Ok("mount tmpfs");

    public async Task DisposeAsync()
    {
        await Shell.RunAsync("umount", ["-l", directory.Path], 30);
        directory.Dispose();
    }

    [Fact]
    public async Task APageTheDiskCannotHoldIsOutOfSpaceAndThePagesBeforeItReadBack()
    {
        using var store = new PageStore(
            "test",
            Options.Create(new PageStoreOptions { Directory = directory.Path, CapacityBytes = 100 * Page, PinnedCapacityRatio = 1, PageSize = Page }),
            NullLogger<PageStore>.Instance);
        var incarnation = Guid.NewGuid();

        var written = 0;
        CacheResult refused = CacheResult.Ok;
        while (written < 32 && refused.IsOk)
        {
            refused = await store.WriteAsync(incarnation, written, TestData.Bytes(Page, seed: written));
            written += refused.IsOk ? 1 : 0;
        }

        // 1 MiB holds 16 pages of 64 KiB at most.
        Assert.InRange(written, 8, 16);
        Assert.Equal(CacheError.OutOfSpace, refused.Error);
        for (var index = 0; index < written; index++)
        {
            Assert.Equal(TestData.Bytes(Page, seed: index), (await store.ReadAsync(incarnation, index, 0, Page)).Value);
        }
    }
}
