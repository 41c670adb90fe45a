namespace WriteCache.Policies;

/// <summary>The operator-facing names of write policies (<c>WRITE_BACK</c>, ...), as configuration and the CLI spell them.</summary>
public static class WritePolicyNames
{
    /// <summary>The name of <paramref name="policy"/>, e.g. <c>WRITE_THROUGH</c>.</summary>
    public static string ToName(this WritePolicy policy) => policy switch
    {
        WritePolicy.WriteThrough => "WRITE_THROUGH",
        WritePolicy.WriteBack => "WRITE_BACK",
        WritePolicy.Transient => "TRANSIENT",
        WritePolicy.NoCache => "NO_CACHE",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown write policy."),
    };

    /// <summary>Parses a policy name, case-insensitively; false for anything else.</summary>
    public static bool TryParse(string? name, out WritePolicy policy)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "WRITE_THROUGH":
                policy = WritePolicy.WriteThrough;
                return true;
            case "WRITE_BACK":
                policy = WritePolicy.WriteBack;
                return true;
            case "TRANSIENT":
                policy = WritePolicy.Transient;
                return true;
            case "NO_CACHE":
                policy = WritePolicy.NoCache;
                return true;
            default:
                policy = default;
                return false;
        }
    }

    /// <summary>All names, for error messages.</summary>
    public static IReadOnlyList<string> All { get; } = ["WRITE_THROUGH", "WRITE_BACK", "TRANSIENT", "NO_CACHE"];
}
