using System.CommandLine;
using WriteCache.Cli.Commands;
using WriteCache.Silo.Hosting;

// wcache: the operator's command line. Non-interactive; exit code 0 only on success.
var root = new RootCommand("wcache: a distributed write cache with a POSIX mount")
{
    LocalCommand.Create(),
    MountCommand.Create(),
    PolicyCommands.Create(),
    FsCommands.Create(),
    CacheCommands.CreateCache(),
    CacheCommands.CreateAsyncPersist(),
};
root.Options.Add(CommonOptions.Json);
root.Options.Add(CommonOptions.Cluster);

try
{
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0)
    {
        // One line, as scripts want it; `wcache --help` shows the usage.
        Console.Error.WriteLine($"wcache: {parsed.Errors[0].Message} (see wcache --help)");
        return 2;
    }

    // Our own handlers below turn failures into one line; the library's would print a stack trace.
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (StartupErrors.Describe(e) is { } message)
{
    Console.Error.WriteLine($"wcache: configuration error: {message}");
    return 2;
}
catch (Exception e)
{
    Console.Error.WriteLine($"wcache: {e.GetBaseException().Message}");
    return 1;
}
