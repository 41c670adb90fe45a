using System.CommandLine;
using WriteCache.Client.Operations;

namespace WriteCache.Cli.Commands;

/// <summary><c>wcache cache status</c> and <c>wcache async-persist stat</c>: capacity and persistence work per silo.</summary>
public static class CacheCommands
{
    /// <summary>The <c>cache</c> command.</summary>
    public static Command CreateCache()
    {
        var status = new Command("status", "Per silo: capacity, used and pinned bytes, pinned ratio, page count");
        status.SetAction(CommonOptions.WithCluster(async (result, client, _) =>
        {
            var stats = await new ClusterStores(client).StatsAsync();
            if (result.GetValue(CommonOptions.Json))
            {
                Output.WriteJson(stats.Select(s => new
                {
                    silo = s.StoreName,
                    address = s.SiloAddress,
                    capacityBytes = s.CapacityBytes,
                    usedBytes = s.UsedBytes,
                    pinnedBytes = s.PinnedBytes,
                    pinnedLimitBytes = s.PinnedLimitBytes,
                    pinnedRatio = s.PinnedRatio,
                    pages = s.PageCount,
                    evictedPages = s.EvictedPages,
                }).ToList());
            }
            else
            {
                Output.WriteTable(
                    ["SILO", "CAPACITY", "USED", "PINNED", "PINNED%", "PAGES"],
                    stats.Select(s => (IReadOnlyList<string>)[s.StoreName, Output.Bytes(s.CapacityBytes), Output.Bytes(s.UsedBytes), Output.Bytes(s.PinnedBytes), (s.PinnedRatio * 100).ToString("F1", System.Globalization.CultureInfo.InvariantCulture), s.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            }

            return 0;
        }));
        return new Command("cache", "The page stores") { status };
    }

    /// <summary>The <c>async-persist</c> command.</summary>
    public static Command CreateAsyncPersist()
    {
        var path = new Argument<string>("PATH") { Description = "Count files at or below this path", DefaultValueFactory = _ => "/" };
        var stat = new Command("stat", "Uploads queued and in flight per silo; files waiting, failing, oldest and bytes below PATH") { path };
        stat.SetAction(CommonOptions.WithCluster(async (result, client, _) =>
        {
            var queue = await new PersistenceQueue(client).ReadAsync(CommonOptions.PathOf(result.GetRequiredValue(path)));
            var view = new
            {
                silos = queue.Silos.Select(u => new { silo = u.StoreName, queued = u.Queued, inFlight = u.InFlight }).ToList(),
                waiting = queue.Waiting,
                persisting = queue.Persisting,
                failed = queue.Failing.Select(f => new { path = f.Path, attempts = f.Attempts, lastError = f.LastError, nextRetry = f.NextAttemptUtc }).ToList(),
                bytesWaiting = queue.BytesWaiting,
                oldestUnpersistedSeconds = (long)queue.OldestUnpersistedAge(DateTimeOffset.UtcNow).TotalSeconds,
            };
            if (result.GetValue(CommonOptions.Json))
            {
                Output.WriteJson(view);
                return 0;
            }

            Output.WriteTable(["SILO", "QUEUED", "IN FLIGHT"], view.silos.Select(s => (IReadOnlyList<string>)[s.silo, s.queued.ToString(System.Globalization.CultureInfo.InvariantCulture), s.inFlight.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            Console.Out.WriteLine($"total: {view.waiting} waiting, {view.persisting} persisting, {view.failed.Count} failing, {view.bytesWaiting} bytes waiting, oldest unpersisted {view.oldestUnpersistedSeconds} s");
            foreach (var failure in view.failed)
            {
                Console.Out.WriteLine($"failing: {failure.path} after {failure.attempts} attempt(s), next retry {Output.Time(failure.nextRetry)}: {failure.lastError}");
            }

            return 0;
        }));
        return new Command("async-persist", "Asynchronous persistence") { stat };
    }
}
