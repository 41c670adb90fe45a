namespace WriteCache.Silo.Hosting;

/// <summary>The silo's web host (dashboard, write-cache view, admin API, metrics), bound from the <c>Admin</c> configuration section.</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Admin";

    /// <summary>Shortest token accepted: a guessable token would make the mutating endpoints open to anyone who can reach the port.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>Where the web host listens (<c>;</c>-separated). Default http://127.0.0.1:8080: localhost only, as it shows every file's state.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The bearer token that mutating admin requests (<c>POST /api/persist</c>, <c>PUT</c>/<c>DELETE /api/policy</c>) must carry as
    /// <c>Authorization: Bearer TOKEN</c>. Default empty: every mutating request is refused (403); reads never need it.
    /// At least <see cref="MinimumTokenLength"/> characters, no whitespace.
    /// </summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>
    /// Whether the Orleans dashboard runs (at <c>/dashboard</c>). Default true. Its data collection reads every Orleans
    /// instrument once a second and times every grain call: 7-11% of the CPU samples of a busy silo on the benchmark
    /// machine. A cluster watched through <c>/writecache</c> and <c>/metrics</c> can turn it off.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>True when mutating requests can be allowed at all.</summary>
    public bool HasToken => !string.IsNullOrEmpty(Token);
}
