using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace WriteCache.Storage.Sqlite;

/// <summary>
/// Runs every write to the metadata database on one connection, gathering the writes that queue up while a
/// transaction commits into the next transaction: many grains saving at once share one fsync instead of
/// waiting for the write lock and paying one each. A write's task completes only after its transaction has
/// committed; a write that throws fails alone (SQLite rolls back just that statement).
/// </summary>
internal sealed class SqliteGroupCommit
{
    /// <summary>Most writes in one transaction, so one huge burst does not hold every writer until all of it is done.</summary>
    private const int MaxBatch = 512;

    private readonly Func<CancellationToken, Task<SqliteConnection>> open;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startLock = new();
    private Task? loop;

    // The loop is the only writer, so it keeps one connection for its whole life instead of opening one (and running
    // its pragmas) per transaction; after a failure it opens a fresh one.
    private SqliteConnection? connection;

    public SqliteGroupCommit(Func<CancellationToken, Task<SqliteConnection>> open) => this.open = open;

    /// <summary>Runs <paramref name="work"/> inside the next transaction; completes once that transaction is durable.</summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work)
    {
        var pending = new PendingWrite<T>(work);
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
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await CommitAsync(batch).ConfigureAwait(false);
            batch.Clear();
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

        foreach (var write in done)
        {
            write.Complete();
        }
    }

    private abstract class PendingWrite
    {
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
