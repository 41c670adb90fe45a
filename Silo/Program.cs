using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WriteCache.Configuration;
using WriteCache.Silo.Hosting;
using WriteCache.Storage.PostgreSql;

// A write-cache silo: hosts the grains and this node's page store.
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddEnvironmentVariables("WCACHE_");

    // Start-up failures are reported below in one line; the host's own multi-line report would bury it.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    builder.AddWriteCacheSilo();
    builder.UseWriteCacheAdminUrls();
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    await using var host = builder.Build();
    host.MapWriteCacheAdmin();
    var metadata = host.Services.GetRequiredService<IOptions<MetadataOptions>>().Value;
    if (metadata.IsPostgreSql)
    {
        await PostgreSqlSchema.EnsureDatabaseAsync(metadata.ConnectionString);
        await PostgreSqlSchema.ApplyAsync(metadata.ConnectionString);
    }

    await host.RunAsync();
    return 0;
}
catch (Exception e) when (StartupErrors.Describe(e) is { } message)
{
    // One line naming the key, for operators and scripts; no stack trace for a typo.
    Console.Error.WriteLine($"wcache silo: configuration error: {message}");
    return 2;
}
catch (Exception e)
{
    Console.Error.WriteLine($"wcache silo: failed: {e}");
    return 1;
}
