using Microsoft.Extensions.Options;

namespace WriteCache.Configuration;

/// <summary>Checks <see cref="MetadataOptions"/> at start; each failure names its configuration key.</summary>
public sealed class MetadataOptionsValidator : IValidateOptions<MetadataOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MetadataOptions options)
    {
        const string s = MetadataOptions.SectionName;
        if (string.Equals(options.Provider, MetadataOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(options.SqlitePath)
                ? ValidateOptionsResult.Fail($"{s}:SqlitePath is required when {s}:Provider is Sqlite")
                : ValidateOptionsResult.Success;
        }

        if (options.IsPostgreSql)
        {
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? ValidateOptionsResult.Fail($"{s}:ConnectionString is required when {s}:Provider is PostgreSql")
                : ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail($"{s}:Provider must be Sqlite or PostgreSql (was '{options.Provider}')");
    }
}
