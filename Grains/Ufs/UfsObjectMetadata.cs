namespace WriteCache.Ufs;

/// <summary>POSIX attributes stored with a UFS object; a null member is unknown or left to the UFS's default.</summary>
/// <param name="Mode">Permission bits (for example 0o644), without the file-type bits.</param>
/// <param name="Uid">Owner user id.</param>
/// <param name="Gid">Owner group id.</param>
/// <param name="ModifiedTime">Modification time the file had in the cache.</param>
[GenerateSerializer]
[Alias("WriteCache.Ufs.UfsObjectMetadata")]
public sealed record UfsObjectMetadata(
    [property: Id(0)] int? Mode,
    [property: Id(1)] int? Uid,
    [property: Id(2)] int? Gid,
    [property: Id(3)] DateTimeOffset? ModifiedTime)
{
    /// <summary>No attributes: the UFS applies its defaults.</summary>
    public static UfsObjectMetadata None { get; } = new(null, null, null, null);
}
