using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WriteCache.Client.Operations;

namespace WriteCache.Silo.Admin;

/// <summary>The write-cache view: <c>/writecache[?path=DIR]</c> (files by state, silos, queue, failures) and <c>/writecache/file?path=FILE</c>.</summary>
public static class WriteCacheView
{
    /// <summary>Where the view is mapped.</summary>
    public const string Path = "/writecache";

    /// <summary>Maps the view's two pages; both only read. The overview links the Orleans dashboard when <paramref name="dashboard"/>.</summary>
    public static IEndpointRouteBuilder MapWriteCacheView(this IEndpointRouteBuilder app, bool dashboard = true)
    {
        app.MapGet(Path, async (IGrainFactory grains, string? path, int? limit) =>
        {
            if (CachePath.Normalize(path ?? CachePath.Root) is not { } directory)
            {
                return Page(WriteCacheHtml.Problem("Write cache", $"'{path}' is not an absolute path in the cache", Path), StatusCodes.Status400BadRequest);
            }

            try
            {
                var overview = await WriteCacheOverview.ReadAsync(grains, directory, Math.Max(0, limit ?? WriteCacheApi.DefaultFileLimit), DateTimeOffset.UtcNow);
                return Page(WriteCacheHtml.Overview(overview, Path, dashboard));
            }
            catch (NamespaceException e)
            {
                return Page(WriteCacheHtml.Problem("Write cache", e.Message, Path), StatusCodes.Status404NotFound);
            }
        });
        app.MapGet(Path + "/file", async (IGrainFactory grains, string? path) =>
        {
            if (CachePath.Normalize(path) is not { } file)
            {
                return Page(WriteCacheHtml.Problem("Write cache", $"'{path}' is not an absolute path in the cache", Path), StatusCodes.Status400BadRequest);
            }

            try
            {
                return Page(WriteCacheHtml.File(FileReport.Of(await new CacheNamespace(grains).FileAsync(file)), Path));
            }
            catch (NamespaceException e)
            {
                return Page(WriteCacheHtml.Problem("Write cache", e.Message, Path), StatusCodes.Status404NotFound);
            }
        });
        return app;
    }

    private static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
