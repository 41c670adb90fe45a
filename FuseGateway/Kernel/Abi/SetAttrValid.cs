namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>FATTR_* bits of <see cref="FuseSetAttrIn.Valid"/>.</summary>
[Flags]
public enum SetAttrValid : uint
{
    /// <summary>Nothing to change.</summary>
    None = 0,

    /// <summary>chmod.</summary>
    Mode = 1 << 0,

    /// <summary>chown of the uid.</summary>
    Uid = 1 << 1,

    /// <summary>chown of the gid.</summary>
    Gid = 1 << 2,

    /// <summary>truncate.</summary>
    Size = 1 << 3,

    /// <summary>Access time given explicitly.</summary>
    ATime = 1 << 4,

    /// <summary>Modification time given explicitly.</summary>
    MTime = 1 << 5,

    /// <summary>The file handle field is valid.</summary>
    Fh = 1 << 6,

    /// <summary>Set access time to "now".</summary>
    ATimeNow = 1 << 7,

    /// <summary>Set modification time to "now".</summary>
    MTimeNow = 1 << 8,

    /// <summary>The lock owner field is valid.</summary>
    LockOwner = 1 << 9,

    /// <summary>Change time given explicitly.</summary>
    CTime = 1 << 10,

    /// <summary>Clear suid/sgid (with HANDLE_KILLPRIV_V2).</summary>
    KillSuidGid = 1 << 11,
}
