namespace WriteCache.Storage;

/// <summary>
/// Lets metadata writes wait a little for company. The SQLite group commit makes writes that queue together share one
/// transaction and one fsync, but writes that belong together (a file's state and its directory entry) reach it a
/// grain call apart, so the first used to commit alone and the second paid a second fsync. A write issued inside
/// <see cref="MayWaitForCompany"/> does not start a transaction by itself: it joins the next one that another write
/// starts, or commits on its own after <see cref="MaxWait"/>. It is durable when its task completes, as any write.
/// The scope flows with the Orleans request context, so the writes of the grains it calls may wait too.
/// Stores without group commit (PostgreSQL) ignore it.
/// </summary>
public static class MetadataCommit
{
    /// <summary>Longest a waiting write goes without company before it commits alone.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(25);

    private const string Key = "wcache-metadata-may-wait";

    /// <summary>Whether writes issued here may wait for company.</summary>
    public static bool MayWait => RequestContext.Get(Key) is true;

    /// <summary>
    /// Writes (and grain calls) started inside the scope may wait for company. At least one write of the group must be
    /// started outside it, or the group waits <see cref="MaxWait"/>.
    /// </summary>
    public static IDisposable MayWaitForCompany()
    {
        var outer = RequestContext.Get(Key);
        RequestContext.Set(Key, true);
        return new Scope(outer);
    }

    private sealed class Scope(object? outer) : IDisposable
    {
        public void Dispose()
        {
            if (outer is null)
            {
                RequestContext.Remove(Key);
            }
            else
            {
                RequestContext.Set(Key, outer);
            }
        }
    }
}
