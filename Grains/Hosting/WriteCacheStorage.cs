namespace WriteCache.Hosting;

/// <summary>Names shared by the grains and the hosting code.</summary>
public static class WriteCacheStorage
{
    /// <summary>The grain storage provider that holds file, directory and policy state.</summary>
    public const string Name = "writecache";
}
