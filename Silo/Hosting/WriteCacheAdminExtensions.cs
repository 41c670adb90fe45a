using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;

namespace WriteCache.Silo.Hosting;

/// <summary>The silo's web surface: the Orleans dashboard at <c>/dashboard</c>.</summary>
public static class WriteCacheAdminExtensions
{
    /// <summary>The dashboard's path.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>Listens on <c>Admin:Urls</c> (localhost by default).</summary>
    public static WebApplicationBuilder UseWriteCacheAdminUrls(this WebApplicationBuilder builder)
    {
        var admin = builder.Configuration.GetSection(AdminOptions.SectionName).Get<AdminOptions>() ?? new AdminOptions();
        builder.WebHost.UseUrls(admin.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return builder;
    }

    /// <summary>Maps the dashboard (grain states included: every grain exposes its state through a parameterless <c>GetState</c>).</summary>
    public static WebApplication MapWriteCacheAdmin(this WebApplication app)
    {
        app.MapOrleansDashboard(DashboardPath);
        return app;
    }
}
