using System.Globalization;
using Amazon.S3.Model;

namespace WriteCache.Ufs;

/// <summary>
/// <see cref="UfsObjectMetadata"/> as S3 user metadata: x-amz-meta-mode (decimal), -uid, -gid and -mtime (Unix seconds
/// with a fraction), the names s3fs and rclone use, so objects written by either keep their attributes and vice versa.
/// </summary>
internal static class S3Metadata
{
    private const string Mode = "mode";
    private const string Uid = "uid";
    private const string Gid = "gid";
    private const string Mtime = "mtime";
    private const string HeaderPrefix = "x-amz-meta-";
    private const decimal TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>The file-type bits of a symbolic link (S_IFLNK) in x-amz-meta-mode, as s3fs marks symlink objects.</summary>
    public const int SymlinkType = 0xA000;

    private const int TypeMask = 0xF000;

    /// <summary>
    /// Adds the attributes set in <paramref name="metadata"/> to <paramref name="target"/>; a symlink's mode carries
    /// the S_IFLNK file type, so tools that know the s3fs convention see a symlink too.
    /// </summary>
    public static void Write(UfsObjectMetadata metadata, MetadataCollection target, bool symlink = false)
    {
        if (metadata.Mode is { } mode || symlink)
        {
            var bits = (metadata.Mode ?? 0x1FF) & 0xFFF;
            target.Add(Mode, (symlink ? bits | SymlinkType : bits).ToString(CultureInfo.InvariantCulture));
        }

        if (metadata.Uid is { } uid)
        {
            target.Add(Uid, uid.ToString(CultureInfo.InvariantCulture));
        }

        if (metadata.Gid is { } gid)
        {
            target.Add(Gid, gid.ToString(CultureInfo.InvariantCulture));
        }

        if (metadata.ModifiedTime is { } mtime)
        {
            var seconds = (mtime.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerSecond;
            target.Add(Mtime, seconds.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>True when x-amz-meta-mode in <paramref name="source"/> has the symlink file type.</summary>
    public static bool IsSymlink(MetadataCollection source)
    {
        foreach (var key in source.Keys)
        {
            var name = key.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase) ? key[HeaderPrefix.Length..] : key;
            if (name.Equals(Mode, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(source[key], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                return (m & TypeMask) == SymlinkType;
            }
        }

        return false;
    }

    /// <summary>The attributes found in <paramref name="source"/>; unreadable values count as absent.</summary>
    public static UfsObjectMetadata Read(MetadataCollection source)
    {
        int? mode = null;
        int? uid = null;
        int? gid = null;
        DateTimeOffset? mtime = null;
        foreach (var key in source.Keys)
        {
            var name = key.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase) ? key[HeaderPrefix.Length..] : key;
            var value = source[key];
            switch (name.ToLowerInvariant())
            {
                case Mode when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m):
                    // s3fs stores the file-type bits too; keep the permission bits only.
                    mode = m & 0xFFF;
                    break;
                case Uid when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var u):
                    uid = u;
                    break;
                case Gid when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var g):
                    gid = g;
                    break;
                case Mtime when decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s):
                    mtime = ToTime(s);
                    break;
            }
        }

        return new UfsObjectMetadata(mode, uid, gid, mtime);
    }

    private static DateTimeOffset? ToTime(decimal seconds)
    {
        var ticks = seconds * TicksPerSecond + DateTimeOffset.UnixEpoch.UtcTicks;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        return new DateTimeOffset((long)decimal.Truncate(ticks), TimeSpan.Zero);
    }
}
