using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using WriteCache.Silo.Admin;

namespace WriteCache.Silo.Hosting;

/// <summary>
/// The silo's web surface on <c>Admin:Urls</c>: the Orleans dashboard at <c>/dashboard</c>, the write-cache view at
/// <c>/writecache</c>, the admin API at <c>/api</c> (writes need <c>Admin:Token</c>) and Prometheus metrics at <c>/metrics</c>.
/// </summary>
public static class WriteCacheAdminExtensions
{
    /// <summary>The dashboard's path.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>
    /// Listens on <c>Admin:Urls</c> (localhost by default) and registers the <c>Admin</c> options; throws a
    /// <see cref="ConfigurationException"/> naming the key when a value is unusable.
    /// </summary>
    public static WebApplicationBuilder UseWriteCacheAdminUrls(this WebApplicationBuilder builder)
    {
        AdminOptions admin;
        try
        {
            admin = builder.Configuration.GetSection(AdminOptions.SectionName).Get<AdminOptions>() ?? new AdminOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException(e.Message);
        }

        var failures = AdminOptionsValidator.Validate(admin);
        if (failures.Count > 0)
        {
            throw new ConfigurationException(string.Join("; ", failures));
        }

        builder.Services.AddSingleton(admin);
        builder.WebHost.UseUrls(admin.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return builder;
    }

    /// <summary>Maps the dashboard unless <c>Admin:Dashboard</c> is false (grain states included: every grain exposes its state through a parameterless <c>GetState</c>), the view, the API and the metrics.</summary>
    public static WebApplication MapWriteCacheAdmin(this WebApplication app)
    {
        var admin = app.Services.GetRequiredService<AdminOptions>();
        if (admin.Dashboard)
        {
            app.MapOrleansDashboard(DashboardPath);
        }

        app.MapWriteCacheView(admin.Dashboard);
        app.MapWriteCacheApi(admin);
        app.MapPrometheusScrapingEndpoint(WriteCacheMetricsExtensions.MetricsPath);
        return app;
    }
}
