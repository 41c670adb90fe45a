using System.Diagnostics.Metrics;

namespace WriteCache.Diagnostics;

/// <summary>
/// The silo's counters, on the <c>WriteCache</c> meter (exported at <c>/metrics</c>). Static, so that the grains and the
/// page store record with one call and no constructor changes; a process hosts one silo, so one set of counters fits.
/// Nothing is recorded unless a listener (the OpenTelemetry exporter) is attached.
/// </summary>
public static class WriteCacheMetrics
{
    /// <summary>The meter's name; the silo's OpenTelemetry setup subscribes to it.</summary>
    public const string MeterName = "WriteCache";

    /// <summary>The meter every silo instrument is created on.</summary>
    public static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> PageBytesWritten =
        Meter.CreateCounter<long>("writecache.page_store.written", "By", "Bytes of pages written by writers to this silo's page store (all copies; re-cached pages not counted)");

    private static readonly Counter<long> BytesPersisted =
        Meter.CreateCounter<long>("writecache.persistence.persisted", "By", "Bytes of files uploaded to the under file system by file grains on this silo");

    private static readonly Counter<long> FilesPersisted =
        Meter.CreateCounter<long>("writecache.persistence.files", "{file}", "Files uploaded to the under file system by file grains on this silo");

    private static readonly Counter<long> InlineBytes =
        Meter.CreateCounter<long>("writecache.files.committed_inline", "By", "Bytes of small files committed with their bytes in the metadata transaction (WriteCache:InlineFileBytes) by file grains on this silo");

    private static readonly Counter<long> Failures =
        Meter.CreateCounter<long>("writecache.failures", "{failure}", "Failed uploads (operation=upload) and failed seals of a committing file's pages on a store (operation=commit)");

    private static readonly Counter<long> PolicyTableFetches =
        Meter.CreateCounter<long>("writecache.policy.table_fetches", "{fetch}", "Times this silo's policy cache fetched the policy table from the cluster's policy grain (at start, after a change, or when its copy aged out)");

    private static readonly Counter<long> MetadataTransactions =
        Meter.CreateCounter<long>("writecache.metadata.transactions", "{transaction}", "Transactions committed by the embedded (SQLite) metadata store; each costs one fsync");

    private static readonly Counter<long> MetadataWrites =
        Meter.CreateCounter<long>("writecache.metadata.writes", "{write}", "Writes committed by the embedded (SQLite) metadata store, by kind: deferred writes (background bookkeeping) wait briefly to share a transaction");

    /// <summary>The embedded metadata store committed one transaction of <paramref name="writes"/> writes, <paramref name="deferred"/> of them background ones.</summary>
    public static void MetadataCommitted(int writes, int deferred)
    {
        MetadataTransactions.Add(1);
        MetadataWrites.Add(writes - deferred, new KeyValuePair<string, object?>("kind", "waited_on"));
        if (deferred > 0)
        {
            MetadataWrites.Add(deferred, new KeyValuePair<string, object?>("kind", "deferred"));
        }
    }

    /// <summary>A page of <paramref name="bytes"/> reached this silo's disk; <paramref name="clean"/> pages (re-cached from the UFS) are not writes.</summary>
    public static void PageWritten(int bytes, bool clean)
    {
        if (!clean)
        {
            PageBytesWritten.Add(bytes);
        }
    }

    /// <summary>A small file of <paramref name="bytes"/> was committed inline: durable in the metadata store, on no page store yet.</summary>
    public static void CommittedInline(long bytes) => InlineBytes.Add(bytes);

    /// <summary>Counts a fetch of the policy table by a silo's policy cache.</summary>
    public static void PolicyTableFetched() => PolicyTableFetches.Add(1);

    /// <summary>A file of <paramref name="bytes"/> reached the under file system.</summary>
    public static void Persisted(long bytes)
    {
        BytesPersisted.Add(bytes);
        FilesPersisted.Add(1);
    }

    /// <summary>An upload attempt failed (it will be retried).</summary>
    public static void UploadFailed() => Failures.Add(1, new KeyValuePair<string, object?>("operation", "upload"));

    /// <summary>A store could not seal or sync a committing file's pages.</summary>
    public static void CommitFailed() => Failures.Add(1, new KeyValuePair<string, object?>("operation", "commit"));
}
