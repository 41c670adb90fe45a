namespace WriteCache.Directories;

/// <summary>The durable state of a directory grain.</summary>
[GenerateSerializer]
[Alias("WriteCache.Directories.DirectoryState")]
public sealed class DirectoryState
{
    /// <summary>True once created by mkdir (the root always exists).</summary>
    [Id(0)]
    public bool Exists { get; set; }

    /// <summary>Permission bits.</summary>
    [Id(1)]
    public uint Mode { get; set; } = 493;

    /// <summary>When the directory was created.</summary>
    [Id(2)]
    public DateTimeOffset CreatedUtc { get; set; }

    /// <summary>When an entry was last added or removed.</summary>
    [Id(3)]
    public DateTimeOffset ModifiedUtc { get; set; }

    /// <summary>Children by name.</summary>
    [Id(4)]
    public Dictionary<string, DirectoryEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}
