using System.Globalization;

namespace WriteCache.FuseGateway.FileSystem;

/// <summary>
/// The process a kernel request comes from. FUSE reports the calling thread's id; a writer that opens a file on one
/// thread and closes it on another is still one process, so close compares thread-group ids (Tgid in /proc).
/// </summary>
public static class ThreadGroup
{
    /// <summary>The thread-group id of thread <paramref name="threadId"/>, or the id itself when /proc no longer has it.</summary>
    public static uint Of(uint threadId)
    {
        if (threadId == 0)
        {
            return 0;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{threadId.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("Tgid:", StringComparison.Ordinal) && uint.TryParse(line.AsSpan(5).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var tgid))
                {
                    return tgid;
                }
            }
        }
        catch (IOException)
        {
            // The thread is gone already: its own id is the best answer left.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return threadId;
    }
}
