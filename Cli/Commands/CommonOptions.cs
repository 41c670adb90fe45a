using System.CommandLine;
using WriteCache.Client.Operations;

namespace WriteCache.Cli.Commands;

/// <summary>Options every cluster command takes.</summary>
public static class CommonOptions
{
    /// <summary><c>--json</c>: machine-readable output.</summary>
    public static Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of text", Recursive = true };

    /// <summary><c>--cluster HOST:PORT</c>: the gateway endpoint of a silo; default the local cluster (127.0.0.1:30000).</summary>
    public static Option<string?> Cluster { get; } = new("--cluster") { Description = "Gateway endpoint HOST:PORT of a silo (default: this machine's, 127.0.0.1:30000)", Recursive = true };

    /// <summary>Runs <paramref name="action"/> with a connection, turning failures into one line on stderr and an exit code.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> WithCluster(Func<ParseResult, IClusterClient, CancellationToken, Task<int>> action) =>
        async (result, cancellationToken) =>
        {
            try
            {
                await using var connection = await ClusterConnection.ConnectAsync(result.GetValue(Cluster), cancellationToken);
                return await action(result, connection.Client, cancellationToken);
            }
            catch (CliException e)
            {
                await Console.Error.WriteLineAsync($"wcache: {e.Message}");
                return e.ExitCode;
            }
            catch (NamespaceException e)
            {
                await Console.Error.WriteLineAsync($"wcache: {e.Message}");
                return 1;
            }
        };

    /// <summary>The normalized form of a path argument, or a <see cref="CliException"/> naming it.</summary>
    public static string PathOf(string value) =>
        CachePath.Normalize(value) ?? throw new CliException($"'{value}' is not an absolute path in the cache (e.g. /checkpoints/run-1)", 2);
}
