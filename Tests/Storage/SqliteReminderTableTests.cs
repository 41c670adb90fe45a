using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WriteCache.Storage.Sqlite;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Storage;

/// <summary>The embedded reminder table on a real SQLite file: reminders outlive the process that registered them.</summary>
public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly TempDirectory directory = new("wcache-reminders");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task AReminderWrittenBeforeARestartIsReadBackAfterIt()
    {
        var grain = GrainId.Create("file", "/runs/step-1.ckpt");
        var first = await OpenAsync();
        var etag = await first.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "persist", StartAt = new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc), Period = TimeSpan.FromMinutes(10) });

        var reopened = await OpenAsync();
        var row = await reopened.ReadRow(grain, "persist");

        Assert.NotNull(row);
        Assert.Equal(etag, row.ETag);
        Assert.Equal(TimeSpan.FromMinutes(10), row.Period);
        Assert.Equal(new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc), row.StartAt.ToUniversalTime());
        Assert.Single((await reopened.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task RangeReadsCoverTheHashRingIncludingTheWrapAround()
    {
        var table = await OpenAsync();
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("file", $"/f{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) });
        }

        const uint split = 0x80000000;
        var low = (await table.ReadRows(split, 0x10)).Reminders; // wraps: (split, max] and [0, 0x10]
        var high = (await table.ReadRows(0x10, split)).Reminders;

        Assert.Equal(grains.Count, low.Count + high.Count);
        Assert.Equal(grains.Order(), low.Concat(high).Select(r => r.GrainId).Order());
    }

    [Fact]
    public async Task RemovingWithAStaleEtagIsRefused()
    {
        var table = await OpenAsync();
        var grain = GrainId.Create("file", "/x");
        var oldTag = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1) });
        var newTag = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(2) });

        Assert.False(await table.RemoveRow(grain, "r", oldTag!));
        Assert.True(await table.RemoveRow(grain, "r", newTag!));
        Assert.Null(await table.ReadRow(grain, "r"));
    }

    private async Task<SqliteReminderTable> OpenAsync()
    {
        var table = new SqliteReminderTable(new SqliteDatabase(directory.Combine("metadata.db")), Options.Create(new ClusterOptions { ServiceId = "svc", ClusterId = "c" }));
        await table.Init();
        return table;
    }
}
