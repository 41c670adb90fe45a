namespace WriteCache.FuseGateway.Kernel;

/// <summary>A failed outcome carrying a positive errno; converts implicitly to any <see cref="FuseResult{T}"/>.</summary>
/// <param name="Errno">Positive errno, e.g. <see cref="Kernel.Errno.ENOENT"/>.</param>
public readonly record struct FuseError(int Errno);
