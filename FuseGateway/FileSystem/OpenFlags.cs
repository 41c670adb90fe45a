namespace WriteCache.FuseGateway.FileSystem;

/// <summary>The open(2) flags the file system looks at (Linux values).</summary>
public static class OpenFlags
{
    /// <summary>Mask of the access mode.</summary>
    public const uint AccessMode = 3;

    /// <summary>Write only.</summary>
    public const uint WriteOnly = 1;

    /// <summary>Read and write.</summary>
    public const uint ReadWrite = 2;

    /// <summary>Fail if the file exists.</summary>
    public const uint Exclusive = 0x80;

    /// <summary>Truncate to zero length.</summary>
    public const uint Truncate = 0x200;

    /// <summary>Every write goes to the end.</summary>
    public const uint Append = 0x400;

    /// <summary>Each write is durable when it returns (O_DSYNC; O_SYNC includes it, and RWF_DSYNC/RWF_SYNC arrive as it).</summary>
    public const uint DataSync = 0x1000;

    /// <summary>True when <paramref name="flags"/> ask for writing.</summary>
    public static bool Writes(uint flags) => (flags & AccessMode) is WriteOnly or ReadWrite;
}
