using System.Runtime.InteropServices;

namespace WriteCache.Ufs;

/// <summary>chown(2), which .NET's file APIs lack.</summary>
internal static partial class FileOwnership
{
    /// <summary>Sets owner and group of <paramref name="path"/> (-1 keeps one); false when not permitted or not supported.</summary>
    public static bool TryChange(string path, int uid, int gid)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        return Chown(path, uid, gid) == 0;
    }

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, int uid, int gid);
}
