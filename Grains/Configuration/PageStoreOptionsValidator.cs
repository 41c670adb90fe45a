using Microsoft.Extensions.Options;

namespace WriteCache.Configuration;

/// <summary>Checks <see cref="PageStoreOptions"/> at start; each failure names its configuration key.</summary>
public sealed class PageStoreOptionsValidator : IValidateOptions<PageStoreOptions>
{
    /// <summary>Smallest page size accepted: one memory page.</summary>
    public const int MinPageSize = 4096;

    /// <summary>Largest page size accepted: beyond it one grain message grows unwieldy.</summary>
    public const int MaxPageSize = 64 * 1024 * 1024;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PageStoreOptions options)
    {
        var failures = new List<string>();
        const string s = PageStoreOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add($"{s}:Directory is required (a local directory for the page files)");
        }

        if (options.PageSize < MinPageSize || options.PageSize > MaxPageSize || options.PageSize % 4096 != 0)
        {
            failures.Add($"{s}:PageSize must be a multiple of 4096 between {MinPageSize} and {MaxPageSize} (was {options.PageSize})");
        }

        if (options.CapacityBytes <= 0)
        {
            failures.Add($"{s}:CapacityBytes must be positive (was {options.CapacityBytes})");
        }

        if (!(options.PinnedCapacityRatio > 0 && options.PinnedCapacityRatio <= 1))
        {
            failures.Add($"{s}:PinnedCapacityRatio must be greater than 0 and at most 1 (was {options.PinnedCapacityRatio})");
        }

        if (options.ReplicationFactor is < 1 or > 8)
        {
            failures.Add($"{s}:ReplicationFactor must be between 1 and 8 (was {options.ReplicationFactor})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
