using Microsoft.Extensions.Options;

namespace WriteCache.Configuration;

/// <summary>Checks <see cref="PersistenceOptions"/> at start; each failure names its configuration key.</summary>
public sealed class PersistenceOptionsValidator : IValidateOptions<PersistenceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PersistenceOptions options)
    {
        const string s = PersistenceOptions.SectionName;
        var failures = new List<string>();
        OptionChecks.Positive(failures, $"{s}:RetryInitialInterval", options.RetryInitialInterval);
        OptionChecks.Positive(failures, $"{s}:RetryMaxInterval", options.RetryMaxInterval);
        if (options.RetryMaxInterval < options.RetryInitialInterval)
        {
            failures.Add($"{s}:RetryMaxInterval must not be shorter than {s}:RetryInitialInterval (was {options.RetryMaxInterval})");
        }

        if (options.MaxConcurrentUploads is < 1 or > 256)
        {
            failures.Add($"{s}:MaxConcurrentUploads must be between 1 and 256 (was {options.MaxConcurrentUploads})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
