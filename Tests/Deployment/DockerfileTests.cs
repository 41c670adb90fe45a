using System.Text.RegularExpressions;
using System.Xml.Linq;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Deployment;

/// <summary>Each Dockerfile builds a project that exists, restores everything it references, and runs what it built.</summary>
public sealed partial class DockerfileTests
{
    /// <summary>Every Dockerfile in the repository's root or its top-level (project) folders, relative to the root.</summary>
    public static TheoryData<string> Dockerfiles => new(DockerfilePaths());

    [Fact]
    public void TheSiloAndTheGatewayHaveDockerfiles()
    {
        var files = DockerfilePaths();
        Assert.Contains("Silo/Dockerfile", files);
        Assert.Contains("FuseGateway/Dockerfile", files);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void ItPublishesAProjectThatExistsAndRunsTheAssemblyThatProjectBuilds(string dockerfile)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(dockerfile));
        var publish = PublishPattern().Match(text);
        Assert.True(publish.Success, $"{dockerfile}: expected a 'dotnet publish PROJECT.csproj -c Release' line");
        var project = publish.Groups["project"].Value;
        var projectPath = RepositoryRoot.Combine(project);
        Assert.True(File.Exists(projectPath), $"{dockerfile} publishes {project}, which does not exist (paths are relative to the repository root, the build context)");
        Assert.Matches(@"-c\s+Release|--configuration\s+Release", publish.Value);

        var assembly = AssemblyName(projectPath) + ".dll";
        var entrypoint = EntrypointPattern().Match(text);
        Assert.True(entrypoint.Success, $"{dockerfile}: expected an exec-form ENTRYPOINT [\"dotnet\", \"NAME.dll\"]");
        Assert.Equal(assembly, entrypoint.Groups["dll"].Value);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void ItCopiesEveryProjectItRestoresAndTheSharedBuildProps(string dockerfile)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(dockerfile));
        var project = PublishPattern().Match(text).Groups["project"].Value;
        var copies = CopyPattern().Matches(text).Select(m => m.Groups["sources"].Value).ToList();
        var copied = copies.SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var props in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            if (!copied.Contains(props))
            {
                problems.Add($"{dockerfile} does not copy {props}, without which restore sees no package versions");
            }
        }

        foreach (var reference in ProjectClosure(RepositoryRoot.Combine(project)))
        {
            var relative = RepositoryRoot.Relative(reference);
            var folder = relative[..relative.LastIndexOf('/')] + "/";
            if (!copied.Contains(relative))
            {
                problems.Add($"{dockerfile} does not copy {relative} before restoring {project}");
            }

            if (!copied.Contains(folder))
            {
                problems.Add($"{dockerfile} does not copy the sources of {folder}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void ItBuildsOnTheDotnet10SdkAndRunsOnTheDotnet10RuntimeWithOnlyKnownConfiguration(string dockerfile)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(dockerfile));
        var stages = FromPattern().Matches(text).Select(m => m.Groups["image"].Value).ToList();
        Assert.True(stages.Count >= 2, $"{dockerfile}: expected a multi-stage build, found {stages.Count} FROM lines");
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", stages[0]);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/(runtime|aspnet):10\.0$", stages[^1]);
        foreach (Match env in EnvPattern().Matches(text))
        {
            Assert.Null(ConfigurationKeys.Problem(env.Groups["name"].Value, env.Groups["value"].Value));
        }
    }

    [Fact]
    public void TheSiloRunsAsANonRootUserThatOwnsThePageStore()
    {
        var text = File.ReadAllText(RepositoryRoot.Combine("Silo/Dockerfile"));
        var lastUser = UserPattern().Matches(text).LastOrDefault()?.Groups["user"].Value;
        Assert.True(lastUser is not null and not "root" and not "0", $"Silo/Dockerfile should end as a non-root USER, was '{lastUser ?? "none"}'");
        var directory = EnvPattern().Matches(text).FirstOrDefault(m => m.Groups["name"].Value == "WCACHE_PageStore__Directory")?.Groups["value"].Value;
        Assert.False(string.IsNullOrEmpty(directory), "Silo/Dockerfile should set WCACHE_PageStore__Directory");
        Assert.Matches($@"chown\s+(-R\s+)?{Regex.Escape(lastUser!)}(:\S+)?\s+\S*{Regex.Escape(directory![..directory.TrimEnd('/').LastIndexOf('/')])}", text);
    }

    [Fact]
    public void TheGatewayInstallsFuse3AndRunsAsRoot()
    {
        var text = File.ReadAllText(RepositoryRoot.Combine("FuseGateway/Dockerfile"));
        Assert.Matches(@"apt-get install[^\n]*\bfuse3\b", text);
        var lastUser = UserPattern().Matches(text).LastOrDefault()?.Groups["user"].Value ?? "root";
        Assert.True(lastUser is "root" or "0", $"the gateway mounts with mount(2) and must run as root, runs as '{lastUser}'");
    }

    [Fact]
    public void TheBuildContextLeavesOutBuildOutputsAndLocalData()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine(".dockerignore")).Select(l => l.Trim()).ToHashSet();
        foreach (var folder in new[] { "bin", "obj", ".data", "node_modules", "TestResults" })
        {
            Assert.True(lines.Contains($"**/{folder}/") || lines.Contains($"**/{folder}"),
                $".dockerignore should exclude {folder} at any depth (**/{folder}/); host build outputs would otherwise overwrite the image's restore");
        }
    }

    private static List<string> DockerfilePaths() =>
        Directory.EnumerateDirectories(RepositoryRoot.Path).Prepend(RepositoryRoot.Path)
            .Select(folder => Path.Combine(folder, "Dockerfile"))
            .Where(File.Exists)
            .Select(RepositoryRoot.Relative)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string AssemblyName(string projectPath) =>
        XDocument.Load(projectPath).Descendants("AssemblyName").LastOrDefault()?.Value
        ?? Path.GetFileNameWithoutExtension(projectPath);

    /// <summary>The project and every project it references, transitively.</summary>
    private static IReadOnlySet<string> ProjectClosure(string projectPath)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(projectPath)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
            }
        }

        return seen;
    }

    [GeneratedRegex(@"dotnet\s+publish\s+(?<project>\S+\.csproj)[^\n]*")]
    private static partial Regex PublishPattern();

    [GeneratedRegex(@"^ENTRYPOINT\s+\[\s*""dotnet""\s*,\s*""(?<dll>[^""]+\.dll)""", RegexOptions.Multiline)]
    private static partial Regex EntrypointPattern();

    [GeneratedRegex(@"^COPY\s+(?!--from)(?<sources>.+?)\s+\S+\s*$", RegexOptions.Multiline)]
    private static partial Regex CopyPattern();

    [GeneratedRegex(@"^FROM\s+(?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"^ENV\s+(?<name>WCACHE_\w+)[=\s](?<value>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EnvPattern();

    [GeneratedRegex(@"^USER\s+(?<user>\S+)", RegexOptions.Multiline)]
    private static partial Regex UserPattern();
}
