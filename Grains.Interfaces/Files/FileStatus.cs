namespace WriteCache.Files;

/// <summary>Where a file is in its life: written, committed to the cache, persisted to the under file system, or gone.</summary>
// Named, not numbered, wherever state is shown as JSON (the dashboard's grain-state view).
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter))]
[GenerateSerializer]
[Alias("WriteCache.Files.FileStatus")]
public enum FileStatus
{
    /// <summary>No file has ever been created at this path.</summary>
    None = 0,

    /// <summary>Created and open for writing; not yet committed.</summary>
    Writing,

    /// <summary>Committed to the cache; persistence is pending.</summary>
    NotPersisted,

    /// <summary>Being uploaded to the under file system.</summary>
    Persisting,

    /// <summary>Held by the under file system; cached pages are evictable.</summary>
    Persisted,

    /// <summary>Committed under the TRANSIENT policy: cached only, never persisted.</summary>
    Transient,

    /// <summary>Deleted (or abandoned); the path is free for a new incarnation.</summary>
    Deleted,
}
