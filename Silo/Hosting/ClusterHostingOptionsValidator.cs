using System.Net;

namespace WriteCache.Silo.Hosting;

/// <summary>Checks <see cref="ClusterHostingOptions"/>; each failure names its configuration key.</summary>
public static class ClusterHostingOptionsValidator
{
    /// <summary>The failures, empty when the options are usable.</summary>
    public static IReadOnlyList<string> Validate(ClusterHostingOptions options)
    {
        const string s = ClusterHostingOptions.SectionName;
        var failures = new List<string>();
        if (!string.Equals(options.Membership, ClusterHostingOptions.Localhost, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.Membership, ClusterHostingOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{s}:Membership must be Localhost or PostgreSql (was '{options.Membership}')");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{s}:ClusterId must not be empty");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{s}:ServiceId must not be empty");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"{s}:SiloPort must be between 1 and 65535 (was {options.SiloPort})");
        }

        if (options.GatewayPort is < 1 or > 65535 || options.GatewayPort == options.SiloPort)
        {
            failures.Add($"{s}:GatewayPort must be between 1 and 65535 and differ from {s}:SiloPort (was {options.GatewayPort})");
        }

        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"{s}:AdvertisedAddress must be an IP address (was '{options.AdvertisedAddress}')");
        }

        if (!CachePath.IsValidName(options.EffectiveName) || options.EffectiveName.Any(char.IsWhiteSpace))
        {
            failures.Add($"{s}:Name must be a non-empty name without '/' or spaces (was '{options.Name}')");
        }

        return failures;
    }
}
