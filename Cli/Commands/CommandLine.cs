namespace WriteCache.Cli.Commands;

/// <summary>A parsed command line: the command words, <c>--name value</c> options and the rest passed through as configuration.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);

    private CommandLine(IReadOnlyList<string> words, IReadOnlyList<string> configuration)
    {
        Words = words;
        Configuration = configuration;
    }

    /// <summary>Positional words, e.g. <c>local</c>.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Arguments of the form <c>--Section:Key=value</c>, handed to the host's configuration.</summary>
    public IReadOnlyList<string> Configuration { get; }

    /// <summary>Parses <paramref name="args"/>; options named in <paramref name="valued"/> take the next argument as their value.</summary>
    public static CommandLine Parse(string[] args, params string[] valued)
    {
        var words = new List<string>();
        var configuration = new List<string>();
        var line = new CommandLine(words, configuration);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':'))
            {
                configuration.Add(arg);
            }
            else if (valued.Contains(arg))
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"{arg} needs a value");
                }

                line.options[arg] = args[++i];
            }
            else if (arg.StartsWith('-'))
            {
                throw new UsageException($"unknown option {arg}");
            }
            else
            {
                words.Add(arg);
            }
        }

        return line;
    }

    /// <summary>The value of <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string? Option(string name, string? fallback = null) => options.GetValueOrDefault(name, fallback!);
}
