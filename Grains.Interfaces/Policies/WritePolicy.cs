namespace WriteCache.Policies;

/// <summary>How files under a path prefix are cached and persisted to the under file system.</summary>
// Named, not numbered, wherever state is shown as JSON (the dashboard's grain-state view).
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter))]
[GenerateSerializer]
[Alias("WriteCache.Policies.WritePolicy")]
public enum WritePolicy
{
    /// <summary>Close returns after the under file system holds the file.</summary>
    WriteThrough = 0,

    /// <summary>Close returns once the pages are durable in the cache; persistence follows asynchronously.</summary>
    WriteBack = 1,

    /// <summary>Cached only, never persisted.</summary>
    Transient = 2,

    /// <summary>Reads and writes go to the under file system directly; nothing is cached.</summary>
    NoCache = 3,
}
