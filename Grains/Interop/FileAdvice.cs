using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WriteCache.Interop;

/// <summary>posix_fadvise(2): hints to the kernel's page cache about how a file is about to be read.</summary>
internal static partial class FileAdvice
{
    private const int WillNeedAdvice = 3; // POSIX_FADV_WILLNEED

    /// <summary>
    /// Asks the kernel to start reading the whole file now. A cold page read then goes to the disk as one
    /// request rather than readahead window after window; the advice is only a hint, so a failure is ignored.
    /// </summary>
    public static void WillNeed(SafeFileHandle file)
    {
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            _ = Advise((int)file.DangerousGetHandle(), 0, 0, WillNeedAdvice);
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int Advise(int fd, long offset, long length, int advice);
}
