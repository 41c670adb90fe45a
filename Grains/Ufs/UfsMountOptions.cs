namespace WriteCache.Ufs;

/// <summary>One mount: a cache-namespace prefix and the UFS location that persists it.</summary>
public sealed class UfsMountOptions
{
    /// <summary>Absolute cache path the mount covers, such as <c>/</c> or <c>/s3</c>; matched on whole path components.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Where files under <see cref="Prefix"/> are persisted: <c>/srv/data</c>, <c>file:///srv/data</c> or <c>s3://bucket/prefix</c>.</summary>
    public string Location { get; set; } = string.Empty;
}
