using WriteCache.Policies;

namespace WriteCache.Configuration;

/// <summary>The write cache's behaviour, bound from the <c>WriteCache</c> configuration section.</summary>
public sealed class WriteCacheOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "WriteCache";

    /// <summary>Whether the write cache is on (mirrors <c>alluxio.write.cache.enabled</c>). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The policy of paths no rule covers: WRITE_THROUGH (default), WRITE_BACK, TRANSIENT or NO_CACHE.</summary>
    public string DefaultPolicy { get; set; } = "WRITE_THROUGH";

    /// <summary>How often each file checks itself for orphaned or dangling writes. Default 10 minutes.</summary>
    public TimeSpan OrphanCheckPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An uncommitted write older than this is abandoned and its pages reclaimed. Default 1 hour.</summary>
    public TimeSpan OrphanTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A write that receives no data for this long is marked dangling and cleaned up. Default 10 minutes.</summary>
    public TimeSpan DanglingWriteTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Largest file (in bytes) committed with its bytes in the commit's metadata transaction instead of a page store, when
    /// its writer closes it without an fsync before: one durable write instead of a page file, a seal and their fsyncs.
    /// The bytes move to the page store, clean, once the file is persisted. Capped at <c>PageStore:PageSize</c>; 0
    /// turns it off; TRANSIENT files never use it. Default 64 KiB.
    /// </summary>
    public int InlineFileBytes { get; set; } = 64 * 1024;

    /// <summary>The most <see cref="InlineFileBytes"/> may be: bytes beyond this belong in a page store, not in a metadata row.</summary>
    public const int MaxInlineFileBytes = 1024 * 1024;

    /// <summary>The parsed <see cref="DefaultPolicy"/>.</summary>
    public WritePolicy ResolveDefaultPolicy() =>
        WritePolicyNames.TryParse(DefaultPolicy, out var policy) ? policy : WritePolicy.WriteThrough;
}
