namespace WriteCache.Ufs;

/// <summary>The kinds of under file system.</summary>
[GenerateSerializer]
[Alias("WriteCache.Ufs.UfsKind")]
public enum UfsKind
{
    /// <summary>A directory on a local (or locally mounted) file system.</summary>
    Local = 0,

    /// <summary>A bucket and key prefix in S3 or an S3-compatible store.</summary>
    S3 = 1,
}
