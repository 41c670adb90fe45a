namespace WriteCache.Cli.Commands;

/// <summary>A failure to report in one line, with the exit code to return.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>Exit code: 1 for a failed operation, 2 for bad input, 3 when the cluster cannot be reached.</summary>
    public int ExitCode { get; } = exitCode;
}
