namespace WriteCache.Tests.Deployment;

/// <summary>A resource that runs pods, with shortcuts to its pod template.</summary>
internal sealed class Workload(Dictionary<string, object?> resource)
{
    /// <summary>The whole resource.</summary>
    public Dictionary<string, object?> Resource { get; } = resource;

    /// <summary>Kind and name, for messages.</summary>
    public string Id => $"{Resource.TextAt("kind")} {Resource.TextAt("metadata.name")}";

    /// <summary>The pod spec (of the template, or of a bare Pod).</summary>
    public Dictionary<string, object?> PodSpec => Resource.TextAt("kind") == "Pod" ? Resource.MapAt("spec") : Resource.MapAt("spec.template.spec");

    /// <summary>The labels its pods carry.</summary>
    public Dictionary<string, object?> PodLabels => Resource.TextAt("kind") == "Pod" ? Resource.MapAt("metadata.labels") : Resource.MapAt("spec.template.metadata.labels");

    /// <summary>Containers and init containers.</summary>
    public IEnumerable<Dictionary<string, object?>> Containers => PodSpec.MapsAt("containers").Concat(PodSpec.MapsAt("initContainers"));

    /// <summary>The pod volume named <paramref name="name"/>, or null.</summary>
    public Dictionary<string, object?>? Volume(string name) => PodSpec.MapsAt("volumes").FirstOrDefault(v => v.TextAt("name") == name);

    /// <summary>Whether any container runs an image of this name (tag and digest ignored).</summary>
    public bool Runs(string imageName) => Containers.Any(c => ImageName(c.TextAt("image")) == imageName);

    /// <summary>An image reference without its tag or digest.</summary>
    public static string ImageName(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return string.Empty;
        }

        var name = image.Split('@')[0];
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > lastSlash ? name[..colon] : name;
    }
}
