namespace WriteCache.Silo.Hosting;

/// <summary>The silo's web host (dashboard and admin endpoints), bound from the <c>Admin</c> configuration section.</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Admin";

    /// <summary>Where the dashboard listens. Default http://127.0.0.1:8080: localhost only, as it shows every file's state.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";
}
