using Microsoft.Win32.SafeHandles;

namespace WriteCache.Interop;

/// <summary>Tells a full disk from other I/O failures, so it reaches applications as ENOSPC rather than EIO.</summary>
internal static class DiskFull
{
    /// <summary>ENOSPC: on Linux .NET gives an IOException the errno as its HResult.</summary>
    public const int NoSpace = 28;

    // EDQUOT.
    private const int QuotaExceeded = 122;

    // What .NET gives an IOException it raises without an errno (COR_E_IO).
    private const int GenericIo = unchecked((int)0x80131620);

    /// <summary>
    /// Opens <paramref name="path"/> as a new file with <paramref name="preallocationSize"/> bytes reserved. .NET reports
    /// ENOSPC of the reservation without its errno; this gives it back, so <see cref="Is"/> can tell.
    /// </summary>
    public static SafeFileHandle OpenPreallocated(string path, FileOptions options, long preallocationSize)
    {
        try
        {
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, options, preallocationSize);
        }
        catch (IOException e) when (preallocationSize > 0 && e.HResult == GenericIo)
        {
            throw new IOException(e.Message, NoSpace);
        }
    }

    /// <summary>True when <paramref name="e"/> says the disk (or the user's quota on it) has no room left.</summary>
    public static bool Is(Exception e) => e is IOException { HResult: NoSpace or QuotaExceeded };
}
