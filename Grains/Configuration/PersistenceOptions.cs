namespace WriteCache.Configuration;

/// <summary>How committed files are persisted to the under file system, bound from the <c>Persistence</c> configuration section.</summary>
public sealed class PersistenceOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Persistence";

    /// <summary>Wait before the second attempt; doubles with every failure. Default 5 s.</summary>
    public TimeSpan RetryInitialInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between attempts (mirrors the reference system's retry max interval). Default 1 hour.</summary>
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Uploads a silo runs at once; the rest wait their turn. Default 4.</summary>
    public int MaxConcurrentUploads { get; set; } = 4;

    /// <summary>The wait after <paramref name="failures"/> failed attempts: initial × 2^(failures-1), at most the maximum.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = Math.Min((double)RetryInitialInterval.Ticks * Math.Pow(2, exponent), RetryMaxInterval.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
