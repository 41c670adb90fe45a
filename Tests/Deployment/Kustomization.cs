using WriteCache.Tests.Support;
namespace WriteCache.Tests.Deployment;

/// <summary>
/// A kustomization folder under k8s/, rendered the way our manifests need: its resources (files, and base folders
/// rendered recursively) with its strategic-merge patches applied. Namespaces, name suffixes and image rewrites are
/// not applied; the tests check those inputs directly.
/// </summary>
internal sealed class Kustomization
{
    private Kustomization(string folder, Dictionary<string, object?> file, List<Dictionary<string, object?>> resources, HashSet<string> referencedFiles)
    {
        Folder = folder;
        File = file;
        Resources = resources;
        ReferencedFiles = referencedFiles;
    }

    /// <summary>The folder, relative to the repository root ('/' separators).</summary>
    public string Folder { get; }

    /// <summary>The kustomization.yaml itself.</summary>
    public Dictionary<string, object?> File { get; }

    /// <summary>The rendered resources, patches applied.</summary>
    public IReadOnlyList<Dictionary<string, object?>> Resources { get; }

    /// <summary>Full paths of every file this kustomization or its bases read.</summary>
    public IReadOnlySet<string> ReferencedFiles { get; }

    /// <summary>The names in this kustomization's own <c>images:</c> list.</summary>
    public IReadOnlyList<string> ImageNames => File.MapsAt("images").Select(i => i.TextAt("name") ?? string.Empty).ToList();

    /// <summary>The resources of one kind.</summary>
    public IEnumerable<Dictionary<string, object?>> OfKind(string kind) => Resources.Where(r => r.TextAt("kind") == kind);

    /// <summary>The resource of <paramref name="kind"/> named <paramref name="name"/>; fails the test when there is none.</summary>
    public Dictionary<string, object?> Get(string kind, string name) =>
        OfKind(kind).FirstOrDefault(r => r.TextAt("metadata.name") == name)
        ?? throw new Xunit.Sdk.XunitException($"{Folder}: expected a {kind} named {name}, found none");

    /// <summary>Workloads: everything with a pod template (Deployment, StatefulSet, DaemonSet, Job) and bare Pods.</summary>
    public IEnumerable<Workload> Workloads => Resources
        .Where(r => r.At("spec.template") is Dictionary<string, object?> || r.TextAt("kind") == "Pod")
        .Select(r => new Workload(r));

    /// <summary>Renders the kustomization in <paramref name="folder"/> (relative to the repository root).</summary>
    public static Kustomization Load(string folder)
    {
        var fullFolder = RepositoryRoot.Combine(folder);
        var path = Path.Combine(fullFolder, "kustomization.yaml");
        var file = YamlTree.LoadFile(path).Single();
        var referenced = new HashSet<string> { path };
        var resources = new List<Dictionary<string, object?>>();
        foreach (var entry in (file.At("resources") as List<object?> ?? []).OfType<string>())
        {
            var resource = Path.GetFullPath(Path.Combine(fullFolder, entry));
            if (Directory.Exists(resource))
            {
                var nested = Load(RepositoryRoot.Relative(resource));
                resources.AddRange(nested.Resources);
                referenced.UnionWith(nested.ReferencedFiles);
            }
            else
            {
                resources.AddRange(YamlTree.LoadFile(resource));
                referenced.Add(resource);
            }
        }

        foreach (var generator in file.MapsAt("configMapGenerator"))
        {
            foreach (var source in (generator.At("files") as List<object?> ?? []).OfType<string>())
            {
                referenced.Add(Path.GetFullPath(Path.Combine(fullFolder, source.Split('=').Last())));
            }
        }

        foreach (var patchEntry in file.MapsAt("patches"))
        {
            var patchPath = Path.GetFullPath(Path.Combine(fullFolder, patchEntry.TextAt("path")
                ?? throw new InvalidDataException($"{path}: only patches with a path are supported")));
            referenced.Add(patchPath);
            foreach (var patch in YamlTree.LoadFile(patchPath))
            {
                var kind = patch.TextAt("kind");
                var name = patch.TextAt("metadata.name");
                var target = resources.FirstOrDefault(r => r.TextAt("kind") == kind && r.TextAt("metadata.name") == name)
                    ?? throw new InvalidDataException($"{patchPath}: patches {kind} {name}, which the resources do not have");
                StrategicMerge.Apply(target, patch);
            }
        }

        return new Kustomization(folder, file, resources, referenced);
    }

    /// <summary>Every folder under k8s/ that holds a kustomization.yaml, relative to the repository root.</summary>
    public static IReadOnlyList<string> All() =>
        Directory.EnumerateFiles(RepositoryRoot.Combine("k8s"), "kustomization.yaml", SearchOption.AllDirectories)
            .Select(f => RepositoryRoot.Relative(Path.GetDirectoryName(f)!))
            .Order(StringComparer.Ordinal)
            .ToList();
}
