namespace WriteCache.Directories;

/// <summary>What a directory entry names.</summary>
[GenerateSerializer]
[Alias("WriteCache.Directories.EntryKind")]
public enum EntryKind
{
    /// <summary>A regular file.</summary>
    File = 0,

    /// <summary>A directory.</summary>
    Directory = 1,

    /// <summary>A symbolic link: an immutable target path.</summary>
    Symlink = 2,
}
