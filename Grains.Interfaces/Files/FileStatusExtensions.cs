namespace WriteCache.Files;

/// <summary>Questions asked of a <see cref="FileStatus"/> in several places.</summary>
public static class FileStatusExtensions
{
    /// <summary>True when a file exists at the path (being written or committed).</summary>
    public static bool Exists(this FileStatus status) => status is not (FileStatus.None or FileStatus.Deleted);

    /// <summary>True when the file's content is final (committed in any state).</summary>
    public static bool IsCommitted(this FileStatus status) =>
        status is FileStatus.NotPersisted or FileStatus.Persisting or FileStatus.Persisted or FileStatus.Transient;

    /// <summary>The operator-facing name, e.g. <c>NOT_PERSISTED</c>.</summary>
    public static string ToName(this FileStatus status) => status switch
    {
        FileStatus.None => "NONE",
        FileStatus.Writing => "WRITING",
        FileStatus.NotPersisted => "NOT_PERSISTED",
        FileStatus.Persisting => "PERSISTING",
        FileStatus.Persisted => "PERSISTED",
        FileStatus.Transient => "TRANSIENT",
        FileStatus.Deleted => "DELETED",
        _ => status.ToString(),
    };
}
