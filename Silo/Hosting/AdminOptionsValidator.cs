namespace WriteCache.Silo.Hosting;

/// <summary>Checks <see cref="AdminOptions"/>; each failure names its configuration key.</summary>
public static class AdminOptionsValidator
{
    /// <summary>The failures, empty when the options are usable.</summary>
    public static IReadOnlyList<string> Validate(AdminOptions options)
    {
        const string s = AdminOptions.SectionName;
        var failures = new List<string>();
        var urls = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            failures.Add($"{s}:Urls must name at least one http:// or https:// address (was '{options.Urls}')");
        }

        foreach (var url in urls)
        {
            // Kestrel also takes wildcard hosts (http://*:8080, http://+:8080), which Uri does not parse.
            var parsable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{s}:Urls must be http:// or https:// addresses separated by ';' (was '{url}')");
            }
        }

        if (options.HasToken && (options.Token.Length < AdminOptions.MinimumTokenLength || options.Token.Any(char.IsWhiteSpace)))
        {
            // The value is a secret: say what is wrong with it, never echo it.
            failures.Add($"{s}:Token must be at least {AdminOptions.MinimumTokenLength} characters without whitespace, or empty to refuse every mutating request");
        }

        return failures;
    }
}
