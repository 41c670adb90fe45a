namespace WriteCache.Files;

/// <summary>The durable state of one file grain: its current incarnation, its life stage and where its pages live.</summary>
[GenerateSerializer]
[Alias("WriteCache.Files.FileState")]
public sealed class FileState
{
    /// <summary>Life stage of the current incarnation.</summary>
    [Id(0)]
    public FileStatus Status { get; set; }

    /// <summary>Identity of the current incarnation; a new one on every create, so pages of a deleted file never mix with its successor.</summary>
    [Id(1)]
    public Guid Incarnation { get; set; }

    /// <summary>The write policy resolved at create time.</summary>
    [Id(2)]
    public Policies.WritePolicy Policy { get; set; }

    /// <summary>Size in bytes; final once committed.</summary>
    [Id(3)]
    public long Size { get; set; }

    /// <summary>Page size the incarnation was written with.</summary>
    [Id(4)]
    public int PageSize { get; set; }

    /// <summary>Copies per page.</summary>
    [Id(5)]
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>The page stores of the placement ring when the incarnation was created: every store a writer may have sent a page to.</summary>
    [Id(6)]
    public List<string> RingStores { get; set; } = [];

    /// <summary>Where each committed page lives.</summary>
    [Id(7)]
    public PageMap Pages { get; set; } = new();

    /// <summary>Permission bits (without the file-type bits).</summary>
    [Id(8)]
    public uint Mode { get; set; } = 420;

    /// <summary>Owner user id.</summary>
    [Id(9)]
    public uint Uid { get; set; }

    /// <summary>Owner group id.</summary>
    [Id(10)]
    public uint Gid { get; set; }

    /// <summary>When the incarnation was created.</summary>
    [Id(11)]
    public DateTimeOffset CreatedUtc { get; set; }

    /// <summary>Last modification time (content or, after commit, as set by utimens).</summary>
    [Id(12)]
    public DateTimeOffset ModifiedUtc { get; set; }

    /// <summary>When the writer last showed progress; drives the dangling-write timeout.</summary>
    [Id(13)]
    public DateTimeOffset LastWriteUtc { get; set; }

    /// <summary>When the incarnation was committed.</summary>
    [Id(14)]
    public DateTimeOffset? CommittedUtc { get; set; }

    /// <summary>Page stores that still hold pages of deleted incarnations and could not be reached yet.</summary>
    [Id(15)]
    public List<PendingReclaim> PendingReclaims { get; set; } = [];

    /// <summary>Persistence attempts made for this incarnation.</summary>
    [Id(16)]
    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed; null after success.</summary>
    [Id(17)]
    public string? LastError { get; set; }

    /// <summary>When the next attempt is due; null when none is pending.</summary>
    [Id(18)]
    public DateTimeOffset? NextAttemptUtc { get; set; }

    /// <summary>When the most recent attempts started (the last <see cref="MaxAttemptTimes"/>), to show the backoff.</summary>
    [Id(19)]
    public List<DateTimeOffset> AttemptTimes { get; set; } = [];

    /// <summary>When the under file system acknowledged the file.</summary>
    [Id(20)]
    public DateTimeOffset? PersistedUtc { get; set; }

    /// <summary>How many attempt times are kept.</summary>
    public const int MaxAttemptTimes = 32;

    /// <summary>The target path when this file is a symbolic link (immutable, no pages); null for a regular file.</summary>
    [Id(21)]
    public string? SymlinkTarget { get; set; }

    /// <summary>Mode, owner or times changed after the upload started: the UFS copy's attributes still have to follow.</summary>
    [Id(22)]
    public bool MetadataPending { get; set; }

    /// <summary>The modification time was set explicitly (utimensat) while writing, so the commit keeps it.</summary>
    [Id(23)]
    public bool ModifiedTimeSet { get; set; }

    /// <summary>
    /// The bytes of a small file committed inline (<see cref="CommitRequest.Inline"/>): durable in this state until the
    /// file is persisted, when they move to its page's store as a clean page and this goes back to null.
    /// </summary>
    [Id(24)]
    public byte[]? Inline { get; set; }

    /// <summary>
    /// Page stores that may still count this persisted incarnation's pages as pinned: written with the PERSISTED state,
    /// so a store that was down (or a crash) when the upload finished is told again by the reminder. May name stores
    /// that were told already; telling one again does nothing.
    /// </summary>
    [Id(25)]
    public List<string> PendingUnpins { get; set; } = [];
}
