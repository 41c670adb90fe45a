using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace WriteCache.Storage.Sqlite;

/// <summary>
/// Runs every write to the metadata database on one connection, gathering the writes that queue up while a
/// transaction commits into the next transaction: many grains saving at once share one fsync instead of
/// waiting for the write lock and paying one each. A write's task completes only after its transaction has
/// committed; a write that throws fails alone (SQLite rolls back just that statement).
/// A write marked deferrable (nobody is waiting on it, see <see cref="BackgroundMetadataWrites"/>) waits up to
/// the deferral window for a write that someone is waiting on, and commits in that one's transaction:
/// under a steady stream of creates and commits, the uploads' bookkeeping costs no fsync of its own and never
/// puts a transaction in the way of a create. Writes still commit in the order they were queued.
/// </summary>
internal sealed class SqliteGroupCommit
{
    /// <summary>Most writes in one transaction, so one huge burst does not hold every writer until all of it is done.</summary>
    private const int MaxBatch = 512;

    /// <summary>
    /// Longest a deferrable write waits for company before it commits alone, by default: a few creates' time at
    /// full speed, and nothing next to an upload's own duration.
    /// </summary>
    internal static readonly TimeSpan DefaultDeferralWindow = TimeSpan.FromMilliseconds(20);

    private readonly TimeSpan deferralWindow;

    private readonly Func<CancellationToken, Task<SqliteConnection>> open;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startLock = new();
    private Task? loop;

    // The loop is the only writer, so it keeps one connection for its whole life instead of opening one (and running
    // its pragmas) per transaction; after a failure it opens a fresh one.
    private SqliteConnection? connection;

    public SqliteGroupCommit(Func<CancellationToken, Task<SqliteConnection>> open, TimeSpan deferralWindow)
    {
        this.open = open;
        this.deferralWindow = deferralWindow;
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the next transaction; completes once that transaction is durable. A
    /// <paramref name="deferrable"/> write may wait up to the deferral window to share a transaction.
    /// </summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, bool deferrable = false)
    {
        var pending = new PendingWrite<T>(work) { Deferrable = deferrable, QueuedAt = Environment.TickCount64 };
        queue.Writer.TryWrite(pending);
        EnsureStarted();
        return pending.Task;
    }

    private void EnsureStarted()
    {
        if (loop is not null)
        {
            return;
        }

        lock (startLock)
        {
            loop ??= Task.Run(RunLoopAsync);
        }
    }

    private async Task RunLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var urgent = Gather(batch);
            if (!urgent)
            {
                await AwaitCompanyAsync(batch).ConfigureAwait(false);
            }

            await CommitAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>Moves queued writes into the batch; true when one of them is not deferrable.</summary>
    private bool Gather(List<PendingWrite> batch)
    {
        var urgent = false;
        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
        {
            batch.Add(next);
            urgent |= !next.Deferrable;
        }

        return urgent;
    }

    /// <summary>Holds a batch of deferrable writes until a write someone waits on joins it, it fills, or its oldest write's window ends.</summary>
    private async Task AwaitCompanyAsync(List<PendingWrite> batch)
    {
        var deadline = batch[0].QueuedAt + (long)deferralWindow.TotalMilliseconds;
        while (batch.Count < MaxBatch)
        {
            var remaining = deadline - Environment.TickCount64;
            if (remaining <= 0)
            {
                return;
            }

            using var window = new CancellationTokenSource(TimeSpan.FromMilliseconds(remaining));
            try
            {
                if (!await queue.Reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (Gather(batch))
            {
                return;
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var done = new List<PendingWrite>(batch.Count);
        try
        {
            connection ??= await open(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
            foreach (var write in batch)
            {
                if (await write.RunAsync(connection, transaction).ConfigureAwait(false))
                {
                    done.Add(write);
                }
            }

            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The transaction did not commit: nothing of this batch is durable, so every write in it fails.
            foreach (var write in done)
            {
                write.Fail(e);
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                connection = null;
            }

            return;
        }

        Diagnostics.WriteCacheMetrics.MetadataCommitted(done.Count, done.Count(write => write.Deferrable));
        foreach (var write in done)
        {
            write.Complete();
        }
    }

    private abstract class PendingWrite
    {
        /// <summary>Nobody waits on it: it may wait for company.</summary>
        public bool Deferrable { get; init; }

        /// <summary>When it was queued (<see cref="Environment.TickCount64"/>).</summary>
        public long QueuedAt { get; init; }

        /// <summary>Runs the write; false when it failed (and has been failed).</summary>
        public abstract Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work) : PendingWrite
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => completion.Task;

        public override async Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            try
            {
                result = await work(connection, transaction).ConfigureAwait(false);
                return true;
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
                return false;
            }
        }

        public override void Complete() => completion.TrySetResult(result!);

        public override void Fail(Exception exception) => completion.TrySetException(exception);
    }
}
