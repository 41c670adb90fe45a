using System.Globalization;
using System.Text;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>One line of /proc/self/mountinfo, reduced to what mount management needs.</summary>
/// <param name="MountPoint">Where it is mounted (unescaped).</param>
/// <param name="FileSystemType">"fuse", "fuse.NAME", "tmpfs", ...</param>
/// <param name="Major">Device major number.</param>
/// <param name="Minor">Device minor number.</param>
public sealed record MountInfo(string MountPoint, string FileSystemType, uint Major, uint Minor)
{
    /// <summary>True for FUSE mounts of any subtype (fuseblk included).</summary>
    public bool IsFuse => FileSystemType == "fuse" || FileSystemType == "fuseblk" || FileSystemType.StartsWith("fuse.", StringComparison.Ordinal);

    /// <summary>The kernel's dev_t for this mount, which names its directory under /sys/fs/fuse/connections.</summary>
    public uint DeviceId => (Major << 20) | Minor;

    /// <summary>The sysfs file holding this mount's readahead window in KiB (its backing device is MAJOR:MINOR).</summary>
    public string ReadAheadPath => string.Create(CultureInfo.InvariantCulture, $"/sys/class/bdi/{Major}:{Minor}/read_ahead_kb");

    /// <summary>Reads the mount table of this process's mount namespace.</summary>
    public static IReadOnlyList<MountInfo> ReadAll(string path = "/proc/self/mountinfo")
    {
        var mounts = new List<MountInfo>();
        foreach (string line in File.ReadLines(path))
        {
            if (TryParse(line, out var info))
            {
                mounts.Add(info);
            }
        }

        return mounts;
    }

    /// <summary>The topmost FUSE mount at <paramref name="mountPoint"/>, or null.</summary>
    public static MountInfo? FindFuse(string mountPoint) => ReadAll().LastOrDefault(m => m.IsFuse && m.MountPoint == mountPoint);

    /// <summary>Parses "id parent major:minor root mountpoint options [optional...] - fstype source superoptions".</summary>
    public static bool TryParse(string line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MountInfo? info)
    {
        info = null;
        string[] fields = line.Split(' ');
        int separator = Array.IndexOf(fields, "-");
        if (fields.Length < 5 || separator < 6 || separator + 1 >= fields.Length)
        {
            return false;
        }

        string[] device = fields[2].Split(':');
        if (device.Length != 2
            || !uint.TryParse(device[0], NumberStyles.None, CultureInfo.InvariantCulture, out uint major)
            || !uint.TryParse(device[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint minor))
        {
            return false;
        }

        info = new MountInfo(Unescape(fields[4]), fields[separator + 1], major, minor);
        return true;
    }

    /// <summary>Undoes the kernel's octal escapes (\040 for space, \011 tab, \012 newline, \134 backslash).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var bytes = new List<byte>(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                bytes.Add((byte)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(string s, int start) =>
        start + 2 < s.Length && s[start] is >= '0' and <= '3' && s[start + 1] is >= '0' and <= '7' && s[start + 2] is >= '0' and <= '7';
}
