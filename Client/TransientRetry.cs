namespace WriteCache.Client;

/// <summary>
/// Retries a grain call that is safe to repeat (a read, or an idempotent write such as a page before its seal)
/// when it failed because a silo went away or is still joining: until the cluster declares a dead silo dead
/// (a few seconds), calls routed to its activations fail; afterwards they activate elsewhere. The application
/// then sees a delay instead of EIO.
/// </summary>
public static class TransientRetry
{
    /// <summary>How long a call keeps being retried. Membership's default death detection fits well within it.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    /// <summary>Runs <paramref name="call"/> (safe to repeat), repeating it with growing pauses while it fails for a transient cluster reason.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + Budget;
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow + pause < deadline)
            {
                await Task.Delay(pause).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/>, a change that is not idempotent (an unlink, a mkdir), repeating it like
    /// <see cref="RunAsync{T}"/>, and says whether it was repeated: a failure whose answer was lost may still have
    /// taken effect, so a repeat that finds the work done (NotFound for an unlink, Exists for a mkdir) is then
    /// the first call's success, which only the caller can tell.
    /// </summary>
    public static async Task<(T Result, bool Repeated)> RunChangeAsync<T>(Func<Task<T>> call)
    {
        var attempts = 0;
        var result = await RunAsync(() =>
        {
            attempts++;
            return call();
        }).ConfigureAwait(false);
        return (result, attempts > 1);
    }

    /// <summary>True for failures that come from a silo being unreachable, not from the call itself.</summary>
    /// <remarks>
    /// An <see cref="OrleansException"/> caused by a timeout is one too: a silo whose reminder service is still starting
    /// (it waits for its table) refuses reminder registrations that way, and a commit registers one.
    /// </remarks>
    public static bool IsTransient(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException
        || e is OrleansException { InnerException: TimeoutException };
}
