namespace WriteCache.FuseGateway.Kernel;

/// <summary>Who asked, and about which node; passed to every <see cref="IFuseFileSystem"/> operation.</summary>
/// <param name="Unique">The kernel's request id.</param>
/// <param name="NodeId">The target node (the parent directory for operations that take a name).</param>
/// <param name="Uid">Effective uid of the caller.</param>
/// <param name="Gid">Effective gid of the caller.</param>
/// <param name="Pid">Thread group id of the caller (0 when the kernel itself asks, e.g. write-back).</param>
public readonly record struct FuseRequestContext(ulong Unique, ulong NodeId, uint Uid, uint Gid, uint Pid);
