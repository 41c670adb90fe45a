using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>What the INIT handshake settled, handed to <see cref="IFuseFileSystem.InitAsync"/>.</summary>
/// <param name="KernelMajor">Protocol major version the kernel speaks.</param>
/// <param name="KernelMinor">Protocol minor version the kernel speaks.</param>
/// <param name="Minor">Minor version in use (the lower of the kernel's and ours).</param>
/// <param name="Offered">Capabilities the kernel offered.</param>
/// <param name="Granted">Capabilities we accepted; the file system must behave accordingly.</param>
/// <param name="MaxWrite">Largest WRITE payload the kernel will send.</param>
/// <param name="MaxReadahead">Readahead we allowed.</param>
public sealed record FuseInitInfo(
    uint KernelMajor,
    uint KernelMinor,
    uint Minor,
    FuseInitFlags Offered,
    FuseInitFlags Granted,
    uint MaxWrite,
    uint MaxReadahead)
{
    /// <summary>True when the kernel caches writes (WRITEBACK_CACHE granted): it then owns size and mtime while pages are dirty.</summary>
    public bool WritebackCache => (Granted & FuseInitFlags.WritebackCache) != 0;
}
