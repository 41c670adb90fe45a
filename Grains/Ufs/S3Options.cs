namespace WriteCache.Ufs;

/// <summary>The S3 endpoint and upload tuning shared by every S3 mount, bound from the <c>S3</c> configuration section.</summary>
public sealed class S3Options
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "S3";

    /// <summary>Smallest part size S3 accepts for every part but the last.</summary>
    public const long MinPartSizeBytes = 5L * 1024 * 1024;

    /// <summary>Largest part size accepted: each in-flight part is one pooled array, which .NET caps below 2 GiB.</summary>
    public const long MaxPartSizeBytes = 1024L * 1024 * 1024;

    /// <summary>Default part size.</summary>
    public const long DefaultPartSizeBytes = 8L * 1024 * 1024;

    /// <summary>Default number of parts uploaded at once.</summary>
    public const int DefaultMaxConcurrentParts = 4;

    /// <summary>Endpoint of an S3-compatible store, such as http://127.0.0.1:4569. Default empty: AWS itself, chosen by <see cref="Region"/>.</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    /// <summary>Region requests are signed for (and, without <see cref="ServiceUrl"/>, sent to). Default us-east-1.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id. Default empty: with <see cref="SecretKey"/> also empty, the standard AWS credential chain (environment, profile, instance role).</summary>
    public string AccessKey { get; set; } = string.Empty;

    /// <summary>Secret access key; set together with <see cref="AccessKey"/>.</summary>
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>Path-style addressing (endpoint/bucket/key). Default: true when <see cref="ServiceUrl"/> is set (emulators need it), else false.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Bytes per multipart part, and the largest file sent as one PutObject. Default 8 MiB, at least 5 MiB; each in-flight part holds one buffer this big.</summary>
    public long PartSizeBytes { get; set; } = DefaultPartSizeBytes;

    /// <summary>Parts of one file uploaded at once. Default 4; memory per upload is about (this + 1) x <see cref="PartSizeBytes"/>.</summary>
    public int MaxConcurrentParts { get; set; } = DefaultMaxConcurrentParts;

    /// <summary>Whether path-style addressing is in force, after the default.</summary>
    public bool EffectiveForcePathStyle => ForcePathStyle ?? !string.IsNullOrWhiteSpace(ServiceUrl);
}
