using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.Pages;
using WriteCache.Policies;

namespace WriteCache;

/// <summary>
/// References to the write cache's grains by key. Orleans 10.4's <c>GetGrain&lt;T&gt;(string)</c> resolves the
/// interface's identity by reading its custom attributes on every call; on the small-file path (several references
/// per file) that was about 6% of the gateway's CPU. The identity of each interface is resolved once here, and
/// every later reference is built from the grain id and that identity.
/// </summary>
public static class GrainReferences
{
    /// <summary>The file grain of <paramref name="path"/>.</summary>
    public static IFileGrain File(this IGrainFactory grains, string path) => Get<IFileGrain>(grains, path);

    /// <summary>The directory grain of <paramref name="path"/>.</summary>
    public static IDirectoryGrain Directory(this IGrainFactory grains, string path) => Get<IDirectoryGrain>(grains, path);

    /// <summary>The page store grain named <paramref name="store"/>.</summary>
    public static IPageStoreGrain PageStore(this IGrainFactory grains, string store) => Get<IPageStoreGrain>(grains, store);

    /// <summary>The cluster's policy table.</summary>
    public static IPolicyGrain Policies(this IGrainFactory grains) => Get<IPolicyGrain>(grains, IPolicyGrain.ClusterKey);

    private static TGrain Get<TGrain>(IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        // The identity depends only on the interface (its attributes and name), never on the cluster, so one per process is right.
        var (grainType, interfaceType) = Identity<TGrain>.Value ??= Resolve<TGrain>(grains);
        return (TGrain)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }

    private static (GrainType, GrainInterfaceType) Resolve<TGrain>(IGrainFactory grains)
        where TGrain : IGrainWithStringKey
    {
        var reference = (GrainReference)(object)grains.GetGrain<TGrain>("_");
        return (reference.GrainId.Type, reference.InterfaceType);
    }

    private static class Identity<TGrain>
    {
        public static (GrainType, GrainInterfaceType)? Value;
    }
}
