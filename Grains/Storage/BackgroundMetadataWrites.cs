namespace WriteCache.Storage;

/// <summary>
/// Marks the metadata writes of work nobody is waiting on (a background upload recording its outcome, and what
/// that causes in other grains and in the reminder table) so a metadata store may hold them back briefly and
/// commit them together with the next write someone is waiting on, instead of in a transaction of their own.
/// The mark rides the Orleans request context, so it follows grain calls; each write is still durable before
/// its own task completes: only its latency changes, never what survives a crash.
/// </summary>
public static class BackgroundMetadataWrites
{
    private const string Key = "wc-background-metadata";

    /// <summary>Whether the calling flow is inside <see cref="Begin"/>.</summary>
    public static bool IsActive => RequestContext.Get(Key) is true;

    /// <summary>Marks the writes of this flow (and of the grain calls it makes) until disposed.</summary>
    public static Scope Begin()
    {
        var outer = IsActive;
        RequestContext.Set(Key, true);
        return new Scope(outer);
    }

    /// <summary>Ends the mark; a scope nested in another leaves the outer one's mark in place.</summary>
    public readonly struct Scope(bool outer) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            if (!outer)
            {
                RequestContext.Remove(Key);
            }
        }
    }
}
