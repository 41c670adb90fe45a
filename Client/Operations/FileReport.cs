using WriteCache.Files;
using WriteCache.Policies;

namespace WriteCache.Client.Operations;

/// <summary>
/// Everything an operator is shown of one file (<c>wcache fs stat</c>, the view's file page, <c>GET /api/file</c>):
/// state and policy by name, incarnation, page placement per silo and the persistence attempts.
/// </summary>
public sealed record FileReport(
    string Path,
    string State,
    long Size,
    string PolicyMode,
    Guid Incarnation,
    string Mode,
    uint Uid,
    uint Gid,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    DateTimeOffset? Persisted,
    int PageSize,
    int Pages,
    int CopiesPerPage,
    IReadOnlyDictionary<string, int> PagesBySilo,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextRetry,
    IReadOnlyList<DateTimeOffset> AttemptTimes)
{
    /// <summary>The report of what the file grain answered.</summary>
    public static FileReport Of(FileDetails file) => new(
        file.Path,
        file.Status.ToName(),
        file.Size,
        file.Policy.ToName(),
        file.Incarnation,
        Convert.ToString(file.Mode, 8),
        file.Uid,
        file.Gid,
        file.CreatedUtc,
        file.ModifiedUtc,
        file.PersistedUtc,
        file.PageSize,
        file.Pages.PageCount,
        file.Pages.ReplicationFactor,
        FilePlacement.BySilo(file.Pages),
        file.Attempts,
        file.LastError,
        file.NextAttemptUtc,
        file.AttemptTimes ?? []);
}
