using System.Runtime.InteropServices;

namespace WriteCache.Interop;

/// <summary>fsync of a directory, which .NET's file APIs cannot open: makes new and renamed entries in it durable.</summary>
internal static partial class DirectorySync
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;
    private const int OCloExec = 0x80000;

    /// <summary>Flushes the directory entries of <paramref name="path"/> to disk; throws <see cref="IOException"/> on failure.</summary>
    public static void Flush(string path)
    {
        var fd = Open(path, ORdOnly | ODirectory | OCloExec);
        if (fd < 0)
        {
            throw new IOException($"open({path}) for fsync failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync({path}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
