using WriteCache.Client.Operations;
using WriteCache.Pages;

namespace WriteCache.Silo.Admin;

/// <summary>The persistence queue as the view shows it (the numbers of <c>wcache async-persist stat</c>).</summary>
public sealed record PersistenceSummary(
    IReadOnlyList<UploadStats> Silos,
    int QueueDepth,
    int Waiting,
    int Persisting,
    long BytesWaiting,
    long OldestUnpersistedSeconds,
    IReadOnlyList<FileReport> Failing)
{
    /// <summary>The summary of <paramref name="report"/> as of <paramref name="now"/>.</summary>
    public static PersistenceSummary Of(PersistenceQueueReport report, DateTimeOffset now) => new(
        report.Silos,
        report.QueueDepth,
        report.Waiting,
        report.Persisting,
        report.BytesWaiting,
        (long)report.OldestUnpersistedAge(now).TotalSeconds,
        report.Failing.Select(FileReport.Of).ToList());
}
