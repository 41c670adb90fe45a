using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;
using WriteCache.FuseGateway.Kernel.Native;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>A FUSE mount and the session descriptor that serves it.</summary>
/// <remarks>
/// As root we open /dev/fuse and call mount(2) ourselves; otherwise (or when asked) the setuid fusermount3
/// helper mounts and hands the descriptor back over a unix socket. Before mounting, a FUSE mount already at
/// the target (typically left "Transport endpoint is not connected" by a crashed gateway) is lazily unmounted,
/// so a restarted gateway simply takes the place over. Unmounting is lazy (MNT_DETACH / fusermount3 -z): busy
/// files keep working until closed, and the session ends (read gives ENODEV) once the last one goes.
/// </remarks>
public sealed class FuseMount : IDisposable
{
    private const string ConnectionsDirectory = "/sys/fs/fuse/connections";
    private const int MaxStackedMounts = 8;

    private readonly ILogger _logger;
    private readonly string _fusermount;
    private readonly string? _readAheadPath;
    private int _mounted;
    private int _released;

    private FuseMount(string mountPoint, SafeFileHandle device, bool viaFusermount, string fusermount, ILogger logger)
    {
        MountPoint = mountPoint;
        Device = device;
        UsesFusermount = viaFusermount;
        _fusermount = fusermount;
        _logger = logger;
        _mounted = 1;
        var info = MountInfo.FindFuse(mountPoint);
        ConnectionId = info?.DeviceId;
        _readAheadPath = info?.ReadAheadPath;
    }

    /// <summary>The absolute mount point.</summary>
    public string MountPoint { get; }

    /// <summary>The session's /dev/fuse descriptor, to be served by a <see cref="FuseConnection"/>.</summary>
    public SafeFileHandle Device { get; }

    /// <summary>True when fusermount3 mounted it (and will unmount it).</summary>
    public bool UsesFusermount { get; }

    /// <summary>The connection's number under /sys/fs/fuse/connections, when the mount table showed it.</summary>
    public uint? ConnectionId { get; }

    /// <summary>
    /// Sets how far ahead the kernel reads for a sequential reader of this mount. The kernel starts every FUSE mount
    /// at 128 KiB and lowers it to what INIT allowed, so this is called after INIT; a window of one page-store page
    /// turns a cold read into one 1 MiB READ per page instead of eight of 128 KiB. False (logged) when the mount's
    /// backing device is unknown or its sysfs entry cannot be written (a container with /sys read-only).
    /// </summary>
    public bool TrySetReadAhead(int kibibytes)
    {
        if (_readAheadPath is null)
        {
            KernelLog.ReadAheadNotSet(_logger, MountPoint, "the mount table does not show the mount");
            return false;
        }

        try
        {
            File.WriteAllText(_readAheadPath, kibibytes.ToString(CultureInfo.InvariantCulture));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            KernelLog.ReadAheadNotSet(_logger, MountPoint, e.Message);
            return false;
        }
    }

    /// <summary>True until <see cref="Unmount"/> or <see cref="Abandon"/>.</summary>
    public bool IsMounted => Volatile.Read(ref _mounted) == 1;

    /// <summary>Mounts an empty FUSE file system at <paramref name="mountPoint"/>; serve <see cref="Device"/> right after.</summary>
    /// <exception cref="DirectoryNotFoundException">The mount point does not exist.</exception>
    /// <exception cref="IOException">Opening /dev/fuse, mount(2) or fusermount3 failed.</exception>
    public static FuseMount Mount(string mountPoint, FuseMountOptions? options = null, ILogger? logger = null)
    {
        options ??= new FuseMountOptions();
        logger ??= NullLogger.Instance;
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        if (options.ReplaceStaleMount)
        {
            RemoveStaleMount(target, options.FusermountPath, logger);
        }

        if (!Directory.Exists(target))
        {
            throw new DirectoryNotFoundException($"FUSE mount point {target} does not exist.");
        }

        bool root = LibC.GetUid() == 0;
        if (root && !options.UseFusermount)
        {
            var device = MountDirectly(target, options);
            KernelLog.Mounted(logger, target, "mount(2)");
            return new FuseMount(target, device, viaFusermount: false, options.FusermountPath, logger);
        }

        // Without root only the setuid helper can mount; it needs user_allow_other in /etc/fuse.conf for allow_other.
        var helperDevice = FusermountClient.Mount(options.FusermountPath, target, HelperOptions(options));
        KernelLog.Mounted(logger, target, "fusermount3");
        return new FuseMount(target, helperDevice, viaFusermount: true, options.FusermountPath, logger);
    }

    /// <summary>Lazily unmounts every FUSE mount at <paramref name="mountPoint"/>, live or dead; true if any was removed.</summary>
    /// <remarks>
    /// The mount table is consulted first so that a hung (not dead) server is never touched; a stat(2) failing with
    /// ENOTCONN catches mounts the table lists under another spelling of the path.
    /// </remarks>
    public static bool RemoveStaleMount(string mountPoint, string fusermount = "fusermount3", ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        bool removed = false;
        for (int i = 0; i < MaxStackedMounts; i++)
        {
            if (MountInfo.FindFuse(target) is null && !IsDisconnected(target))
            {
                break;
            }

            if (!TryUnmount(target, fusermount, out string reason))
            {
                throw new IOException($"A stale FUSE mount at {target} could not be removed: {reason}");
            }

            KernelLog.StaleMountRemoved(logger, target);
            removed = true;
        }

        return removed;
    }

    /// <summary>Lazily unmounts; idempotent. The serving connection then ends with ENODEV once no file is busy.</summary>
    public void Unmount()
    {
        if (Interlocked.Exchange(ref _mounted, 0) == 0)
        {
            return;
        }

        if (!TryUnmount(MountPoint, UsesFusermount ? _fusermount : null, out string reason))
        {
            KernelLog.UnmountFailed(_logger, MountPoint, reason);
        }
    }

    /// <summary>Aborts the connection through fusectl, as a crashed server would: every reader gets ENODEV, the mount stays and answers ENOTCONN.</summary>
    /// <exception cref="InvalidOperationException">The connection number is unknown or fusectl is unavailable.</exception>
    public void Abort()
    {
        if (ConnectionId is not uint id)
        {
            throw new InvalidOperationException($"The FUSE connection number of {MountPoint} is unknown; it cannot be aborted.");
        }

        string abort = $"{ConnectionsDirectory}/{id.ToString(CultureInfo.InvariantCulture)}/abort";
        if (!File.Exists(abort) && LibC.GetUid() == 0)
        {
            // fusectl is often not mounted in containers; mounting it is harmless and idempotent in effect.
            LibC.Mount("fusectl", ConnectionsDirectory, "fusectl", 0, null);
        }

        if (!File.Exists(abort))
        {
            throw new InvalidOperationException($"{abort} is missing: fusectl is not mounted at {ConnectionsDirectory}.");
        }

        using var stream = new FileStream(abort, FileMode.Open, FileAccess.Write);
        stream.Write("1"u8);
    }

    /// <summary>Closes the descriptor without unmounting, leaving the mount stale (for crash tests); <see cref="Dispose"/> then does nothing more.</summary>
    public void Abandon()
    {
        Interlocked.Exchange(ref _mounted, 0);
        Release();
    }

    /// <summary>Unmounts (lazily) and closes the session descriptor.</summary>
    public void Dispose()
    {
        Unmount();
        Release();
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Device.Dispose();
        }
    }

    private static SafeFileHandle MountDirectly(string target, FuseMountOptions options)
    {
        int fd = LibC.Open("/dev/fuse", LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"Opening /dev/fuse failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        var device = new SafeFileHandle(fd, ownsHandle: true);

        // rootmode is octal S_IFDIR; user_id/group_id name who "owns" the mount (allowed to use it without allow_other).
        var data = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"fd={fd},rootmode=40000,user_id={LibC.GetUid()},group_id={LibC.GetGid()}");
        if (options.AllowOther)
        {
            data.Append(",allow_other");
        }

        if (options.DefaultPermissions)
        {
            data.Append(",default_permissions");
        }

        string type = string.IsNullOrEmpty(options.Subtype) ? "fuse" : "fuse." + options.Subtype;
        if (LibC.Mount(options.FsName, target, type, (nuint)(LibC.MS_NOSUID | LibC.MS_NODEV), data.ToString()) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            device.Dispose();
            throw new IOException($"mount(2) of {type} at {target} failed with errno {errno}.");
        }

        return device;
    }

    private static string HelperOptions(FuseMountOptions options)
    {
        var builder = new StringBuilder("nosuid,nodev");
        builder.Append(",fsname=").Append(options.FsName);
        if (!string.IsNullOrEmpty(options.Subtype))
        {
            builder.Append(",subtype=").Append(options.Subtype);
        }

        if (options.AllowOther)
        {
            builder.Append(",allow_other");
        }

        if (options.DefaultPermissions)
        {
            builder.Append(",default_permissions");
        }

        return builder.ToString();
    }

    private static bool TryUnmount(string target, string? fusermount, out string reason)
    {
        reason = string.Empty;
        if (LibC.GetUid() == 0 && LibC.Umount2(target, LibC.MNT_DETACH) == 0)
        {
            return true;
        }

        int errno = LibC.GetUid() == 0 ? Marshal.GetLastPInvokeError() : Errno.EPERM;
        if (errno is Errno.EINVAL or Errno.ENOENT)
        {
            // EINVAL: not a mount point (any more). Unmounting is idempotent.
            return true;
        }

        if (fusermount is not null && FusermountClient.Unmount(fusermount, target))
        {
            return true;
        }

        reason = $"umount2 failed with errno {errno}" + (fusermount is null ? string.Empty : $" and {fusermount} -u -z failed");
        return false;
    }

    private static unsafe bool IsDisconnected(string target)
    {
        byte* buffer = stackalloc byte[LibC.StatBufferSize];
        return LibC.Stat(target, buffer) != 0 && Marshal.GetLastPInvokeError() == Errno.ENOTCONN;
    }
}
