namespace WriteCache.Ufs;

/// <summary>One entry of a <see cref="UfsMountTable"/>.</summary>
/// <param name="Prefix">Normalized cache prefix: starts with '/', no trailing '/' except the root itself.</param>
/// <param name="Ufs">The UFS that persists paths under <paramref name="Prefix"/>.</param>
public sealed record UfsMount(string Prefix, IUnderFileSystem Ufs);
