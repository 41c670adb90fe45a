namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Tests that mount through /dev/fuse run one at a time: they share the kernel's mount table.</summary>
[CollectionDefinition(nameof(RealMountCollection), DisableParallelization = true)]
public sealed class RealMountCollection
{
}
