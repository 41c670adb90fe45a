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

    /// <summary>Owner.</summary>
    [Id(5)]
    public uint Uid { get; set; }

    /// <summary>Group.</summary>
    [Id(6)]
    public uint Gid { get; set; }

    /// <summary>How many children the directory has (kept in the entry store, one row each; counted here for inspection).</summary>
    [Id(7)]
    public int EntryCount { get; set; }
}
