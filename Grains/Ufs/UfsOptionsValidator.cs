using Microsoft.Extensions.Options;

namespace WriteCache.Ufs;

/// <summary>Checks <see cref="UfsOptions"/> at start; each failure names its configuration key.</summary>
public sealed class UfsOptionsValidator : IValidateOptions<UfsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, UfsOptions options)
    {
        var failures = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Mounts.Count; i++)
        {
            var key = $"{UfsOptions.SectionName}:Mounts:{i}";
            var mount = options.Mounts[i];
            if (!UfsMountTable.TryNormalizePrefix(mount.Prefix, out var prefix, out var prefixError))
            {
                failures.Add($"{key}:Prefix {prefixError}");
            }
            else if (seen.TryGetValue(prefix, out var first))
            {
                failures.Add($"{key}:Prefix '{mount.Prefix}' is already mounted by {UfsOptions.SectionName}:Mounts:{first}");
            }
            else
            {
                seen.Add(prefix, i);
            }

            if (!UfsLocation.TryParse(mount.Location, out _, out var locationError))
            {
                failures.Add($"{key}:Location: {locationError}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
