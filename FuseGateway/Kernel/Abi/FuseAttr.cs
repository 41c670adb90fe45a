using System.Runtime.InteropServices;

namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Inode attributes as the kernel wants them (struct fuse_attr, 88 bytes).</summary>
/// <remarks>Mutable struct: callers fill it field by field and it is copied into the reply as is.</remarks>
[StructLayout(LayoutKind.Sequential)]
public struct FuseAttr
{
    /// <summary>Inode number reported to stat(2).</summary>
    public ulong Ino;

    /// <summary>File size in bytes.</summary>
    public ulong Size;

    /// <summary>Allocated size in 512-byte blocks.</summary>
    public ulong Blocks;

    /// <summary>Access time, seconds since the epoch.</summary>
    public ulong ATime;

    /// <summary>Modification time, seconds since the epoch.</summary>
    public ulong MTime;

    /// <summary>Status change time, seconds since the epoch.</summary>
    public ulong CTime;

    /// <summary>Nanoseconds part of <see cref="ATime"/>.</summary>
    public uint ATimeNsec;

    /// <summary>Nanoseconds part of <see cref="MTime"/>.</summary>
    public uint MTimeNsec;

    /// <summary>Nanoseconds part of <see cref="CTime"/>.</summary>
    public uint CTimeNsec;

    /// <summary>File type and permission bits (S_IFREG | 0644 and so on; see <see cref="UnixFileModes"/>).</summary>
    public uint Mode;

    /// <summary>Number of hard links.</summary>
    public uint NLink;

    /// <summary>Owner uid.</summary>
    public uint Uid;

    /// <summary>Owner gid.</summary>
    public uint Gid;

    /// <summary>Device number for character and block devices.</summary>
    public uint RDev;

    /// <summary>Preferred I/O size reported to stat(2).</summary>
    public uint BlkSize;

    /// <summary>FUSE_ATTR_* flags (submount, DAX); zero for us.</summary>
    public uint Flags;

    /// <summary>Sets all three timestamps from one instant.</summary>
    public void SetTimes(DateTimeOffset time)
    {
        var (seconds, nanos) = ToUnix(time);
        ATime = MTime = CTime = seconds;
        ATimeNsec = MTimeNsec = CTimeNsec = nanos;
    }

    /// <summary>Splits an instant into the seconds and nanoseconds the kernel expects.</summary>
    public static (ulong Seconds, uint Nanoseconds) ToUnix(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (ticks < 0)
        {
            // Timestamps before 1970 are clamped: the wire fields are unsigned.
            return (0, 0);
        }

        return ((ulong)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond * 100));
    }
}
