namespace WriteCache.FuseGateway.Kernel.Abi;

/// <summary>Converts cache lifetimes into the seconds plus nanoseconds pairs of the wire format.</summary>
public static class FuseTimeout
{
    /// <summary>Splits a non-negative duration; negative durations become zero (no caching).</summary>
    public static (ulong Seconds, uint Nanoseconds) Split(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return (0, 0);
        }

        long ticks = timeout.Ticks;
        return ((ulong)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond * 100));
    }
}
