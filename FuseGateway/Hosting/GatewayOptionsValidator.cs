using Microsoft.Extensions.Options;
using WriteCache.FuseGateway.FileSystem;

namespace WriteCache.FuseGateway.Hosting;

/// <summary>Checks <see cref="GatewayOptions"/> at start; each failure names its configuration key.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        const string s = GatewayOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MountPoint))
        {
            failures.Add($"{s}:MountPoint is required (the directory to mount the cache at)");
        }

        if (options.ReadAheadKiB is < 0 or > 65536)
        {
            failures.Add($"{s}:ReadAheadKiB must be between 0 and 65536 (was {options.ReadAheadKiB})");
        }

        if (options.ReaderThreads is < 1 or > 64)
        {
            failures.Add($"{s}:ReaderThreads must be between 1 and 64 (was {options.ReaderThreads})");
        }

        if (options.PagesInFlight is < 1 or > 256)
        {
            failures.Add($"{s}:PagesInFlight must be between 1 and 256 (was {options.PagesInFlight})");
        }

        if (options.AttributeTimeout < TimeSpan.Zero)
        {
            failures.Add($"{s}:AttributeTimeout must not be negative (was {options.AttributeTimeout})");
        }

        foreach (var url in options.MetricsUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{s}:MetricsUrls must be http:// or https:// addresses separated by ';' (was '{url}')");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
