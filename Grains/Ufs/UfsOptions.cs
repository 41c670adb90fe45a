namespace WriteCache.Ufs;

/// <summary>
/// The mount table, bound from the <c>Ufs</c> configuration section as a list, because mount prefixes are paths:
/// <code>
/// Ufs:Mounts:0:Prefix=/          Ufs:Mounts:0:Location=/var/lib/wcache/ufs
/// Ufs:Mounts:1:Prefix=/s3        Ufs:Mounts:1:Location=s3://bucket/prefix
/// </code>
/// (environment: <c>Ufs__Mounts__1__Prefix=/s3</c>; JSON: <c>"Ufs": { "Mounts": [ { "Prefix": "/s3", "Location": "s3://bucket/prefix" } ] }</c>).
/// A dictionary keyed by prefix was not chosen: configuration keys are case-insensitive (so <c>/A</c> and <c>/a</c> would
/// collapse), a key of '/' or one with '/' cannot be an environment variable set from a shell, and ':' splits keys.
/// </summary>
public sealed class UfsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Ufs";

    /// <summary>
    /// The mounts; the longest prefix covering a path wins. Default empty: a path no mount covers has no UFS.
    /// Binding appends to this list, so the host adds any default mount only when the section has none.
    /// </summary>
    public List<UfsMountOptions> Mounts { get; set; } = [];
}
