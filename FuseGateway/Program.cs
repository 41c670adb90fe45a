using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WriteCache.FuseGateway.Hosting;

// The FUSE gateway alone: an Orleans client of a running cluster, serving the mount at Fuse:MountPoint.
try
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddEnvironmentVariables("WCACHE_");
    builder.AddWriteCacheClient();
    builder.AddWriteCacheGateway();
    using var host = builder.Build();
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"wcache gateway: configuration error: {string.Join("; ", e.Failures)}");
    return 2;
}
