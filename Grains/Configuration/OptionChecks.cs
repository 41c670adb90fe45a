namespace WriteCache.Configuration;

/// <summary>Checks shared by the options validators.</summary>
internal static class OptionChecks
{
    /// <summary>Adds a failure naming <paramref name="key"/> unless <paramref name="value"/> is a positive duration.</summary>
    public static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive duration such as 00:10:00 (was {value})");
        }
    }
}
