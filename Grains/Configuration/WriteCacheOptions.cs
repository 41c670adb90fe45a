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

    /// <summary>The parsed <see cref="DefaultPolicy"/>.</summary>
    public WritePolicy ResolveDefaultPolicy() =>
        WritePolicyNames.TryParse(DefaultPolicy, out var policy) ? policy : WritePolicy.WriteThrough;
}
