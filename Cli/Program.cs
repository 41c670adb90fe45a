using WriteCache.Cli.Commands;
using WriteCache.Silo.Hosting;

// wcache: the operator's command line.
const string Usage = """
    usage: wcache local --mount DIR [--data DIR] [--ufs DIR|s3://bucket/prefix] [--Section:Key=value ...]
           wcache mount DIR [--Section:Key=value ...]
    """;

try
{
    var line = CommandLine.Parse(args, "--mount", "--data", "--ufs");
    return line.Words.FirstOrDefault() switch
    {
        "local" => await LocalCommand.RunAsync(line),
        "mount" => await MountCommand.RunAsync(line),
        null => throw new UsageException("no command given"),
        var other => throw new UsageException($"unknown command '{other}'"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"wcache: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 64;
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
