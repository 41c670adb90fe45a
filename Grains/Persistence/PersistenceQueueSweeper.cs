using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Files;
using WriteCache.Placement;

namespace WriteCache.Persistence;

/// <summary>
/// Wakes the file grains of the durable persistence queue: soon after the silo starts (to resume what a crash or a
/// restart cut off) and then every <see cref="WriteCacheOptions.OrphanCheckPeriod"/> (to retry what is still
/// pending, such as pages to reclaim on a store that was away). Each grain does its own work and takes its path
/// off the queue when nothing is left. In a cluster each live silo sweeps its share of the paths (by a stable
/// hash over the sorted live silos), so a path is woken by one silo per round; a silo that does not see itself
/// among the live ones yet sweeps all.
/// </summary>
public sealed partial class PersistenceQueueSweeper(
    IPersistenceQueueStore queue,
    IGrainFactory grains,
    LiveStores liveStores,
    ILocalSiloDetails silo,
    IOptions<WriteCacheOptions> options,
    ILogger<PersistenceQueueSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How soon after start the first sweep runs: long enough for the silo to settle, short for a restart.</summary>
    private static readonly TimeSpan FirstSweepDelay = TimeSpan.FromSeconds(2);

    private const int PageSize = 1000;
    private const int Parallel = 16;

    private readonly CancellationTokenSource stopping = new();
    private Task? loop;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(PersistenceQueueSweeper),
            ServiceLifecycleStage.Active,
            _ =>
            {
                loop = Task.Run(() => RunAsync(stopping.Token));
                return Task.CompletedTask;
            },
            async _ =>
            {
                await stopping.CancelAsync();
                if (loop is not null)
                {
                    await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            });

    /// <summary>Wakes every queued path this silo is responsible for; returns how many it woke.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var live = liveStores.Current();
        var index = live.ToList().IndexOf(silo.Name);
        var woken = 0;
        string? after = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await queue.ListAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1];
            var mine = index < 0 ? page : page.Where(path => (int)(Placement.StableHash.Of(path) % (ulong)live.Count) == index).ToList();
            await System.Threading.Tasks.Parallel.ForEachAsync(
                mine,
                new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
                async (path, _) =>
                {
                    try
                    {
                        await grains.GetGrain<IFileGrain>(path).ResumeBackgroundWork().ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // The next round tries again.
                        LogWakeFailed(path, e);
                    }
                }).ConfigureAwait(false);
            woken += mine.Count;
            if (page.Count < PageSize)
            {
                break;
            }
        }

        return woken;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = FirstSweepDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                var woken = await SweepAsync(cancellationToken).ConfigureAwait(false);
                if (woken > 0)
                {
                    LogSwept(woken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The metadata store is away: the next round tries again.
                LogSweepFailed(e);
            }

            delay = options.Value.OrphanCheckPeriod;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Persistence queue: woke {Count} file(s) with background work left")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Persistence queue: waking {Path} failed; the next round tries again")]
    private partial void LogWakeFailed(string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Persistence queue: the sweep failed; the next round tries again")]
    private partial void LogSweepFailed(Exception exception);
}
