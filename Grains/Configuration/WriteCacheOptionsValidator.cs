using Microsoft.Extensions.Options;
using WriteCache.Policies;

namespace WriteCache.Configuration;

/// <summary>Checks <see cref="WriteCacheOptions"/> at start; each failure names its configuration key.</summary>
public sealed class WriteCacheOptionsValidator : IValidateOptions<WriteCacheOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WriteCacheOptions options)
    {
        var failures = new List<string>();
        const string s = WriteCacheOptions.SectionName;
        if (!WritePolicyNames.TryParse(options.DefaultPolicy, out _))
        {
            failures.Add($"{s}:DefaultPolicy must be one of {string.Join(", ", WritePolicyNames.All)} (was '{options.DefaultPolicy}')");
        }

        OptionChecks.Positive(failures, $"{s}:OrphanCheckPeriod", options.OrphanCheckPeriod);
        OptionChecks.Positive(failures, $"{s}:OrphanTimeout", options.OrphanTimeout);
        OptionChecks.Positive(failures, $"{s}:DanglingWriteTimeout", options.DanglingWriteTimeout);
        if (options.InlineFileBytes is < 0 or > WriteCacheOptions.MaxInlineFileBytes)
        {
            failures.Add($"{s}:InlineFileBytes must be 0 (off) to {WriteCacheOptions.MaxInlineFileBytes} bytes (was {options.InlineFileBytes})");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
