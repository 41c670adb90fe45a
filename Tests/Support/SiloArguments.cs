namespace WriteCache.Tests.Support;

/// <summary>Command-line settings for silo processes that several tests share.</summary>
public static class SiloArguments
{
    /// <summary>
    /// Persists to <paramref name="bucket"/> under WRITE_BACK, with the background work checked every 2 s and failed
    /// uploads retried after 1-2 s, so outage and crash tests settle in seconds.
    /// </summary>
    public static string[] WriteBackWithQuickRetries(S3Bucket bucket) =>
    [
        .. bucket.Settings().Select(s => $"--{s.Key}={s.Value}"),
        "--WriteCache:DefaultPolicy=WRITE_BACK",
        "--WriteCache:OrphanCheckPeriod=00:00:02",
        "--Persistence:RetryInitialInterval=00:00:01",
        "--Persistence:RetryMaxInterval=00:00:02",
    ];
}
