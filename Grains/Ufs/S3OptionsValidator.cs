using Microsoft.Extensions.Options;

namespace WriteCache.Ufs;

/// <summary>Checks <see cref="S3Options"/> at start; each failure names its configuration key.</summary>
public sealed class S3OptionsValidator : IValidateOptions<S3Options>
{
    /// <summary>Most parts of one file in flight; beyond it memory, not the network, is the limit.</summary>
    public const int MaxConcurrentPartsLimit = 64;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, S3Options options)
    {
        var failures = new List<string>();
        const string s = S3Options.SectionName;
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl)
            && !(Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"{s}:ServiceUrl must be an absolute http or https URL such as http://127.0.0.1:4569, or empty for AWS (was '{options.ServiceUrl}')");
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add($"{s}:Region is required (such as us-east-1)");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            failures.Add($"{s}:AccessKey and {s}:SecretKey must be set together, or both left empty for the standard AWS credential chain");
        }

        if (options.PartSizeBytes < S3Options.MinPartSizeBytes)
        {
            failures.Add($"{s}:PartSizeBytes must be at least {S3Options.MinPartSizeBytes} (was {options.PartSizeBytes})");
        }
        else if (options.PartSizeBytes > S3Options.MaxPartSizeBytes)
        {
            failures.Add($"{s}:PartSizeBytes must be at most {S3Options.MaxPartSizeBytes} (was {options.PartSizeBytes})");
        }

        if (options.MaxConcurrentParts is < 1 or > MaxConcurrentPartsLimit)
        {
            failures.Add($"{s}:MaxConcurrentParts must be between 1 and {MaxConcurrentPartsLimit} (was {options.MaxConcurrentParts})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
