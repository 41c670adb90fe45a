using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WriteCache.FuseGateway.Hosting;

/// <summary>
/// How a gateway (or any client) finds the cluster: the same <c>Cluster</c> keys the silos use, checked before the
/// client starts, so a wrong value stops the process with one line naming its key instead of connecting elsewhere.
/// </summary>
public sealed class ClusterClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cluster";

    /// <summary><c>Cluster:ClusterId</c>.</summary>
    public string ClusterId { get; init; } = "writecache";

    /// <summary><c>Cluster:ServiceId</c>.</summary>
    public string ServiceId { get; init; } = "writecache";

    /// <summary><c>Cluster:Membership</c>: Localhost (a silo on 127.0.0.1) or PostgreSql (silos listed in the metadata database).</summary>
    public string Membership { get; init; } = "Localhost";

    /// <summary><c>Cluster:GatewayPort</c>: the silo's client port, under Localhost membership.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary><c>Metadata:ConnectionString</c>, needed under PostgreSql membership.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>True for PostgreSql membership.</summary>
    public bool IsPostgreSql => string.Equals(Membership, "PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and checks the options; throws <see cref="OptionsValidationException"/> listing every wrong key.</summary>
    public static ClusterClientOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var failures = new List<string>();
        var port = 30000;
        if (section["GatewayPort"] is { } rawPort && (!int.TryParse(rawPort, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            failures.Add($"{SectionName}:GatewayPort must be a port number between 1 and 65535 (was '{rawPort}')");
        }

        var options = new ClusterClientOptions
        {
            ClusterId = section["ClusterId"] ?? "writecache",
            ServiceId = section["ServiceId"] ?? "writecache",
            Membership = section["Membership"] ?? "Localhost",
            GatewayPort = port,
            ConnectionString = configuration["Metadata:ConnectionString"],
        };
        if (!options.IsPostgreSql && !string.Equals(options.Membership, "Localhost", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{SectionName}:Membership must be Localhost or PostgreSql (was '{options.Membership}')");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{SectionName}:ClusterId must not be empty");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{SectionName}:ServiceId must not be empty");
        }

        if (options.IsPostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Metadata:ConnectionString is required with Cluster:Membership=PostgreSql (the gateway finds silos there)");
        }

        return failures.Count == 0 ? options : throw new OptionsValidationException(SectionName, typeof(ClusterClientOptions), failures);
    }
}
