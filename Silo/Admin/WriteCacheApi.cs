using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WriteCache.Client.Operations;
using WriteCache.Files;
using WriteCache.Policies;
using WriteCache.Silo.Hosting;

namespace WriteCache.Silo.Admin;

/// <summary>
/// The admin HTTP API behind the write-cache view, under <c>/api</c>: reads for anyone who can reach the (localhost by
/// default) web host, writes only with <c>Admin:Token</c> (<see cref="AdminTokenFilter"/>). JSON is camelCase.
/// </summary>
public static class WriteCacheApi
{
    /// <summary>Where the API is mapped.</summary>
    public const string Prefix = "/api";

    /// <summary>Files listed by <c>GET /api/overview</c> unless <c>limit</c> says otherwise; the counts cover every file.</summary>
    public const int DefaultFileLimit = 1000;

    /// <summary>Maps the read endpoints and, behind the token filter, the mutating ones.</summary>
    public static IEndpointRouteBuilder MapWriteCacheApi(this IEndpointRouteBuilder app, AdminOptions options)
    {
        var api = app.MapGroup(Prefix);
        api.MapGet("/overview", (IGrainFactory grains, string? path, int? limit) => Answer(path ?? CachePath.Root, async p =>
            Results.Json(await WriteCacheOverview.ReadAsync(grains, p, Math.Max(0, limit ?? DefaultFileLimit), DateTimeOffset.UtcNow))));
        api.MapGet("/file", (IGrainFactory grains, string? path) => Answer(path, async p =>
            Results.Json(FileReport.Of(await new CacheNamespace(grains).FileAsync(p)))));
        api.MapGet("/stores", async (IGrainFactory grains) => Results.Json(await new ClusterStores(grains).StatsAsync()));
        api.MapGet("/persistence", (IGrainFactory grains, string? path) => Answer(path ?? CachePath.Root, async p =>
            Results.Json(PersistenceSummary.Of(await new PersistenceQueue(grains).ReadAsync(p), DateTimeOffset.UtcNow))));
        api.MapGet("/policies", async (IGrainFactory grains) =>
            Results.Json((await grains.Policies().List()).Select(r => new { prefix = r.Prefix, policyMode = r.Policy.ToName() })));

        var mutating = api.MapGroup(string.Empty).AddEndpointFilter(new AdminTokenFilter(options));
        mutating.MapPost("/persist", (IGrainFactory grains, string? path) => Answer(path, async p =>
        {
            // What `wcache fs persist` does: attempt the upload now, whatever the retry schedule says.
            var outcome = await grains.File(p).PersistNow();
            return outcome.IsOk ? Results.Json(FileReport.Of(outcome.Value!)) : Failure(outcome.Error, outcome.Message);
        }));
        mutating.MapPut("/policy", (IGrainFactory grains, string? path, string? mode) => Answer(path, async p =>
        {
            if (!WritePolicyNames.TryParse(mode, out var policy))
            {
                return Failure(CacheError.InvalidArgument, $"mode must be one of {string.Join(", ", WritePolicyNames.All)} (was '{mode}')");
            }

            var set = await grains.Policies().Set(p, policy);
            return set.IsOk ? Results.Json(new { prefix = p, policyMode = policy.ToName() }) : Failure(set.Error, set.Message);
        }));
        mutating.MapDelete("/policy", (IGrainFactory grains, string? path) => Answer(path, async p =>
        {
            var removed = await grains.Policies().Remove(p);
            return removed.IsOk ? Results.Json(new { removed = p }) : Failure(removed.Error, removed.Message);
        }));
        return app;
    }

    /// <summary>Runs <paramref name="action"/> on the normalized path: 400 for a bad one, 404 when the namespace has no such entry.</summary>
    private static async Task<IResult> Answer(string? path, Func<string, Task<IResult>> action)
    {
        if (CachePath.Normalize(path) is not { } normalized)
        {
            return Failure(CacheError.InvalidArgument, $"path must be an absolute path in the cache, e.g. /checkpoints/run-1 (was '{path}')");
        }

        try
        {
            return await action(normalized);
        }
        catch (NamespaceException e)
        {
            return Failure(CacheError.NotFound, e.Message);
        }
    }

    private static IResult Failure(CacheError error, string? message) => Results.Json(
        new { error = message ?? error.ToString() },
        statusCode: error switch
        {
            CacheError.NotFound => StatusCodes.Status404NotFound,
            CacheError.InvalidArgument or CacheError.NameTooLong => StatusCodes.Status400BadRequest,
            CacheError.AccessDenied or CacheError.NotSupported or CacheError.Exists or CacheError.Stale => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status500InternalServerError,
        });
}
