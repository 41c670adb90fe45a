using System.Globalization;
using WriteCache.Configuration;
using WriteCache.Silo.Hosting;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests under k8s/ agree with the code and with themselves: configuration keys exist in the
/// options classes, images, ports, labels and selectors line up, and the mount reaches applications.
/// Every check runs on the base and on each overlay as rendered (patches applied).
/// </summary>
public sealed class ManifestTests
{
    private const string SiloImage = "wcache-silo";
    private const string GatewayImage = "wcache-fuse-gateway";

    /// <summary>Every folder under k8s/ with a kustomization.yaml.</summary>
    public static TheoryData<string> Kustomizations => new(Kustomization.All());

    [Fact]
    public void TheBaseAndTheSmallTestOverlayExist()
    {
        Assert.Contains("k8s/base", Kustomization.All());
        Assert.Contains("k8s/overlays/small-test", Kustomization.All());
    }

    [Fact]
    public void EveryYamlFileUnderK8sParsesAndIsUsedByAKustomization()
    {
        var files = Directory.EnumerateFiles(RepositoryRoot.Combine("k8s"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var used = Kustomization.All().SelectMany(k => Kustomization.Load(k).ReferencedFiles).ToHashSet();
        var problems = new List<string>();
        foreach (var file in files)
        {
            try
            {
                Assert.NotEmpty(YamlTree.LoadFile(file));
            }
            catch (Exception e)
            {
                problems.Add($"{RepositoryRoot.Relative(file)} does not parse: {e.Message}");
            }

            if (!used.Contains(Path.GetFullPath(file)))
            {
                problems.Add($"{RepositoryRoot.Relative(file)} is not a resource or patch of any kustomization");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryWcacheVariableNamesASettableOptionsPropertyAndHoldsAValueOfItsType(string folder)
    {
        var k = Kustomization.Load(folder);
        var problems = new List<string>();
        var checkedCount = 0;
        var envFromMaps = k.Workloads.SelectMany(w => w.Containers)
            .SelectMany(c => c.MapsAt("envFrom"))
            .Select(e => e.TextAt("configMapRef.name"))
            .OfType<string>()
            .ToHashSet();
        foreach (var map in k.OfKind("ConfigMap"))
        {
            var name = map.TextAt("metadata.name")!;
            foreach (var (key, value) in map.MapAt("data"))
            {
                if (value is not string text)
                {
                    problems.Add($"ConfigMap {name}: {key} is a YAML {value?.GetType().Name ?? "null"}; ConfigMap values must be quoted strings");
                    continue;
                }

                if (key.StartsWith(ConfigurationKeys.Prefix, StringComparison.Ordinal))
                {
                    checkedCount++;
                    problems.Add(ConfigurationKeys.Problem(key, text) is { } p ? $"ConfigMap {name}: {p}" : null!);
                }
                else if (envFromMaps.Contains(name))
                {
                    problems.Add($"ConfigMap {name} is loaded with envFrom, so its key {key} becomes a variable the processes never read (they read only {ConfigurationKeys.Prefix}*)");
                }
            }
        }

        foreach (var workload in k.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                foreach (var env in container.MapsAt("env"))
                {
                    var name = env.TextAt("name") ?? string.Empty;
                    var value = env.At("value");
                    if (value is not null and not string)
                    {
                        problems.Add($"{workload.Id}: env {name} is a YAML {value.GetType().Name}; env values must be quoted strings");
                    }

                    if (name.StartsWith(ConfigurationKeys.Prefix, StringComparison.Ordinal))
                    {
                        checkedCount++;
                        problems.Add(ConfigurationKeys.Problem(name, value as string) is { } p ? $"{workload.Id}: {p}" : null!);
                    }
                }
            }
        }

        problems.RemoveAll(p => p is null);
        Assert.True(checkedCount > 20, $"{folder}: expected the manifests to set the configuration through {ConfigurationKeys.Prefix} variables, found {checkedCount}");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EnvReferencesNameVariablesDefinedBeforeThem(string folder)
    {
        var k = Kustomization.Load(folder);
        var problems = new List<string>();
        foreach (var workload in k.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var defined = container.MapsAt("envFrom")
                    .Select(e => e.TextAt("configMapRef.name"))
                    .OfType<string>()
                    .SelectMany(name => k.Get("ConfigMap", name).MapAt("data").Keys)
                    .ToHashSet(StringComparer.Ordinal);
                foreach (var env in container.MapsAt("env"))
                {
                    if (env.At("value") is string value)
                    {
                        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(value, @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)"))
                        {
                            if (!defined.Contains(m.Groups[1].Value))
                            {
                                problems.Add($"{workload.Id}: env {env.TextAt("name")} refers to $({m.Groups[1].Value}), which no earlier env entry or envFrom ConfigMap defines (Kubernetes would pass the text unexpanded)");
                            }
                        }
                    }

                    defined.Add(env.TextAt("name") ?? string.Empty);
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void WorkloadsRunExactlyTheImagesTheKustomizationsName()
    {
        var baseK = Kustomization.Load("k8s/base");
        var used = baseK.Workloads.SelectMany(w => w.Containers).Select(c => c.TextAt("image")).ToList();
        Assert.All(used, image => Assert.False(
            string.IsNullOrEmpty(image) || image.Contains(':', StringComparison.Ordinal) && !image.Contains('/', StringComparison.Ordinal),
            $"base workloads name images without a tag (kustomization images: sets it); found '{image}'"));
        var usedNames = used.Select(Workload.ImageName).ToHashSet();
        var listed = baseK.ImageNames.ToHashSet();
        Assert.True(usedNames.SetEquals(listed), $"base kustomization images: [{string.Join(", ", listed.Order())}] should equal the images the workloads run: [{string.Join(", ", usedNames.Order())}]");
        Assert.Contains(SiloImage, usedNames);
        Assert.Contains(GatewayImage, usedNames);
        foreach (var folder in Kustomization.All().Where(f => f != "k8s/base"))
        {
            var unknown = Kustomization.Load(folder).ImageNames.Where(n => !listed.Contains(n)).ToList();
            Assert.True(unknown.Count == 0, $"{folder} rewrites images no workload runs: {string.Join(", ", unknown)}");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void SiloContainerPortsAndServicePortsMatchTheConfiguredClusterPorts(string folder)
    {
        var k = Kustomization.Load(folder);
        var silo = Single(k, SiloImage);
        var container = silo.Containers.Single(c => Workload.ImageName(c.TextAt("image")) == SiloImage);
        var configuration = Configuration(k, container);
        var defaults = new ClusterHostingOptions();
        var expected = new Dictionary<string, long>
        {
            ["silo"] = long.Parse(configuration.GetValueOrDefault("Cluster:SiloPort") ?? defaults.SiloPort.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            ["gateway"] = long.Parse(configuration.GetValueOrDefault("Cluster:GatewayPort") ?? defaults.GatewayPort.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        };
        var ports = container.MapsAt("ports").ToDictionary(p => p.TextAt("name") ?? string.Empty, p => p.At("containerPort"));
        foreach (var (name, port) in expected)
        {
            Assert.True(ports.TryGetValue(name, out var actual) && actual is long value && value == port,
                $"{folder}: the silo container's port '{name}' should be {port} (Cluster configuration), was {ports.GetValueOrDefault(name) ?? "missing"}");
        }

        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            if (container.TextAt($"{probe}.tcpSocket.port") is { } probePort)
            {
                Assert.True(ports.ContainsKey(probePort) || expected.ContainsValue(long.Parse(probePort, CultureInfo.InvariantCulture)),
                    $"{folder}: the silo's {probe} checks port '{probePort}', which is not one of its ports");
            }
        }

        foreach (var service in k.OfKind("Service").Where(s => Selects(s, silo)))
        {
            foreach (var port in service.MapsAt("spec.ports"))
            {
                var target = port.TextAt("targetPort") ?? port.TextAt("port");
                var resolved = target is not null && ports.TryGetValue(target, out var named) ? named as long? : long.TryParse(target, out var n) ? n : null;
                Assert.True(resolved is not null && expected.ContainsValue(resolved.Value),
                    $"{folder}: Service {service.TextAt("metadata.name")} targets port '{target}', which should be one of the silo's ports {string.Join(", ", expected.Values)}");
                Assert.True(port.At("port") is long p && p == resolved,
                    $"{folder}: Service {service.TextAt("metadata.name")} port {port.TextAt("port")} should equal its target {resolved} (peers dial the configured port)");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void ServiceSelectorsAndWorkloadSelectorsMatchPodTemplateLabels(string folder)
    {
        var k = Kustomization.Load(folder);
        var problems = new List<string>();
        foreach (var service in k.OfKind("Service"))
        {
            if (!k.Workloads.Any(w => Selects(service, w)))
            {
                problems.Add($"Service {service.TextAt("metadata.name")} selects {Labels(service.MapAt("spec.selector"))}, which no pod template carries");
            }
        }

        foreach (var workload in k.Workloads.Where(w => w.Resource.TextAt("kind") is "Deployment" or "StatefulSet" or "DaemonSet"))
        {
            var selector = workload.Resource.MapAt("spec.selector.matchLabels");
            if (selector.Count == 0 || !Contains(workload.PodLabels, selector))
            {
                problems.Add($"{workload.Id}: selector {Labels(selector)} should be non-empty and match its pod labels {Labels(workload.PodLabels)}");
            }
        }

        foreach (var set in k.Workloads.Where(w => w.Resource.TextAt("kind") == "StatefulSet"))
        {
            var serviceName = set.Resource.TextAt("spec.serviceName");
            var service = k.OfKind("Service").FirstOrDefault(s => s.TextAt("metadata.name") == serviceName);
            if (service is null || service.TextAt("spec.clusterIP") != "None" || !Selects(service, set))
            {
                problems.Add($"{set.Id}: serviceName '{serviceName}' should name a headless Service (clusterIP: None) that selects its pods");
            }
        }

        // Orleans Kubernetes hosting finds the cluster's pods by these labels: they must name the configured cluster.
        var silo = Single(k, SiloImage);
        var configuration = Configuration(k, silo.Containers.First());
        var defaults = new ClusterHostingOptions();
        foreach (var (label, key, fallback) in new[] { ("orleans/serviceId", "Cluster:ServiceId", defaults.ServiceId), ("orleans/clusterId", "Cluster:ClusterId", defaults.ClusterId) })
        {
            var expected = configuration.GetValueOrDefault(key) ?? fallback;
            if (silo.PodLabels.TextAt(label) is { } actual && actual != expected)
            {
                problems.Add($"{silo.Id}: pod label {label}={actual} should equal {key}={expected}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void TheGatewayMountsOnTheHostWithBidirectionalPropagationAsPrivilegedWithDevFuse(string folder)
    {
        var k = Kustomization.Load(folder);
        var gateway = Single(k, GatewayImage);
        Assert.Equal("DaemonSet", gateway.Resource.TextAt("kind"));
        var container = gateway.Containers.Single(c => Workload.ImageName(c.TextAt("image")) == GatewayImage);
        Assert.True(container.At("securityContext.privileged") is true, $"{folder}: the gateway must be privileged (Bidirectional propagation requires it)");
        var added = (container.At("securityContext.capabilities.add") as List<object?> ?? []).OfType<string>().ToList();
        Assert.True(added.Contains("SYS_ADMIN") || added.Contains("CAP_SYS_ADMIN"), $"{folder}: the gateway needs CAP_SYS_ADMIN for mount(2); adds [{string.Join(", ", added)}]");

        var fuse = container.MapsAt("volumeMounts").FirstOrDefault(m => m.TextAt("mountPath") == "/dev/fuse");
        Assert.True(fuse is not null && gateway.Volume(fuse.TextAt("name")!)?.TextAt("hostPath.path") == "/dev/fuse",
            $"{folder}: the gateway must mount the host's /dev/fuse at /dev/fuse");

        var (mountPath, hostPath) = BidirectionalMount(gateway, container, folder);
        var mountPoint = Configuration(k, container).GetValueOrDefault("Fuse:MountPoint");
        Assert.True(mountPoint is not null && IsUnder(mountPoint, mountPath),
            $"{folder}: Fuse:MountPoint ({mountPoint ?? "unset"}) must lie in the Bidirectional volume mounted at {mountPath}, or the mount never leaves the container");
        Assert.Equal(mountPath, hostPath);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void ApplicationPodsSeeTheMountThroughHostToContainerOnGatewayNodes(string folder)
    {
        var k = Kustomization.Load(folder);
        var gateway = Single(k, GatewayImage);
        var (_, hostPath) = BidirectionalMount(gateway, gateway.Containers.First(), folder);
        var consumers = 0;
        foreach (var workload in k.Workloads.Where(w => !ReferenceEquals(w.Resource, gateway.Resource)))
        {
            foreach (var container in workload.Containers)
            {
                foreach (var mount in container.MapsAt("volumeMounts"))
                {
                    var source = workload.Volume(mount.TextAt("name")!)?.TextAt("hostPath.path");
                    if (source is null || !IsUnder(source, hostPath))
                    {
                        continue;
                    }

                    consumers++;
                    Assert.True(mount.TextAt("mountPropagation") == "HostToContainer",
                        $"{folder}: {workload.Id} mounts the gateway's host path {source} with propagation '{mount.TextAt("mountPropagation") ?? "None"}'; it must be HostToContainer to see the FUSE mount");
                    var gatewayNodes = gateway.PodSpec.MapAt("nodeSelector");
                    Assert.True(Contains(workload.PodSpec.MapAt("nodeSelector"), gatewayNodes),
                        $"{folder}: {workload.Id} must be scheduled only where the gateway runs (nodeSelector {Labels(gatewayNodes)})");
                }
            }
        }

        Assert.True(consumers > 0, $"{folder}: expected an example application that mounts {hostPath} with HostToContainer");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void ThePageStoreLivesOnTheSilosLocalNvmeClaimAndFitsIt(string folder)
    {
        var k = Kustomization.Load(folder);
        var silo = Single(k, SiloImage);
        Assert.Equal("StatefulSet", silo.Resource.TextAt("kind"));
        var container = silo.Containers.First();
        var configuration = Configuration(k, container);
        var directory = configuration.GetValueOrDefault("PageStore:Directory");
        Assert.False(string.IsNullOrEmpty(directory), $"{folder}: PageStore:Directory must be set");

        var claims = silo.Resource.MapsAt("spec.volumeClaimTemplates").ToDictionary(c => c.TextAt("metadata.name")!);
        var mount = container.MapsAt("volumeMounts").FirstOrDefault(m => claims.ContainsKey(m.TextAt("name")!) && IsUnder(directory!, m.TextAt("mountPath")!));
        Assert.True(mount is not null, $"{folder}: PageStore:Directory {directory} should lie on a volume from the StatefulSet's volumeClaimTemplates");
        var claim = claims[mount!.TextAt("name")!];
        var storageClass = claim.TextAt("spec.storageClassName");
        Assert.Equal("local-nvme", storageClass);
        Assert.Contains(k.OfKind("StorageClass"), s => s.TextAt("metadata.name") == storageClass);
        Assert.True(silo.PodSpec.MapAt("nodeSelector").GetValueOrDefault("wcache.io/nvme") is "true",
            $"{folder}: silos must be scheduled on NVMe nodes (nodeSelector wcache.io/nvme: \"true\")");

        var capacity = long.Parse(configuration.GetValueOrDefault("PageStore:CapacityBytes") ?? new PageStoreOptions().CapacityBytes.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var size = Quantity(claim.TextAt("spec.resources.requests.storage")!);
        Assert.True(capacity < size, $"{folder}: PageStore:CapacityBytes {capacity} must stay below the claim's {size} bytes");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void SilosRunUnderARoleThatLetsKubernetesHostingWatchAndDeletePods(string folder)
    {
        var k = Kustomization.Load(folder);
        var silo = Single(k, SiloImage);
        var account = silo.PodSpec.TextAt("serviceAccountName");
        Assert.Contains(k.OfKind("ServiceAccount"), a => a.TextAt("metadata.name") == account);
        var binding = k.OfKind("RoleBinding").FirstOrDefault(b => b.MapsAt("subjects").Any(s => s.TextAt("kind") == "ServiceAccount" && s.TextAt("name") == account));
        Assert.True(binding is not null, $"{folder}: expected a RoleBinding for ServiceAccount {account}");
        var role = k.Get("Role", binding!.TextAt("roleRef.name")!);
        var verbs = role.MapsAt("rules")
            .Where(r => (r.At("resources") as List<object?> ?? []).Contains("pods"))
            .SelectMany(r => (r.At("verbs") as List<object?> ?? []).OfType<string>())
            .ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, verbs);
    }

    [Fact]
    public void TheSchemaCopyIsByteIdenticalToTheSchemaTheSiloApplies()
    {
        var source = File.ReadAllBytes(RepositoryRoot.Combine("Grains/Storage/PostgreSql/WriteCacheSchema.sql"));
        var copy = File.ReadAllBytes(RepositoryRoot.Combine("k8s/base/WriteCacheSchema.sql"));
        Assert.True(source.AsSpan().SequenceEqual(copy),
            "k8s/base/WriteCacheSchema.sql differs from Grains/Storage/PostgreSql/WriteCacheSchema.sql: copy it again (cp Grains/Storage/PostgreSql/WriteCacheSchema.sql k8s/base/)");

        var k = Kustomization.Load("k8s/base");
        var generator = k.File.MapsAt("configMapGenerator").Single(g => (g.At("files") as List<object?> ?? []).Contains("WriteCacheSchema.sql"));
        var job = k.Workloads.Single(w => w.Resource.TextAt("kind") == "Job" && w.Volume("schema") is not null);
        Assert.Equal(generator.TextAt("name"), job.Volume("schema")!.TextAt("configMap.name"));
        var container = job.Containers.Single();
        var mountPath = container.MapsAt("volumeMounts").Single(m => m.TextAt("name") == "schema").TextAt("mountPath");
        var command = (container.At("command") as List<object?> ?? []).OfType<string>().ToList();
        Assert.Contains($"{mountPath}/WriteCacheSchema.sql", command);
    }

    [Theory]
    [InlineData("WCACHE_PageStore__PinnedCapacityRatio", "0.5")]
    [InlineData("WCACHE_pagestore__replicationfactor", "2")]
    [InlineData("WCACHE_Ufs__Mounts__0__Prefix", "/")]
    [InlineData("WCACHE_Fuse__AttributeTimeout", "00:00:01")]
    [InlineData("WCACHE_S3__ForcePathStyle", "true")]
    [InlineData("WCACHE_Metadata__ConnectionString", "Host=$(PGHOST)")]
    [InlineData("WCACHE_Cluster__Name", null)]
    [InlineData("WCACHE_Persistence__RetryMaxInterval", "01:00:00")]
    public void TheKeyCheckerAcceptsBindableKeys(string variable, string? value) =>
        Assert.Null(ConfigurationKeys.Problem(variable, value));

    [Theory]
    [InlineData("WCACHE_PageStore__Capacity", "1")]
    [InlineData("WCACHE_PageStore__PinnedCapacityRatio", "half")]
    [InlineData("WCACHE_Cluster__SiloPort", "11111.5")]
    [InlineData("WCACHE_Cluster__EffectiveName", "x")]
    [InlineData("WCACHE_PageStore__PinnedLimitBytes", "1")]
    [InlineData("WCACHE_Ufs__Mounts__first__Prefix", "/")]
    [InlineData("WCACHE_Ufs__Mounts__0", "/")]
    [InlineData("WCACHE_Ufs__Mounts__0__Bucket", "b")]
    [InlineData("WCACHE_PageStore", "x")]
    [InlineData("WCACHE_Logging__LogLevel__Default", "Warning")]
    [InlineData("PageStore__Directory", "/x")]
    public void TheKeyCheckerRejectsWhatWouldNotBind(string variable, string? value) =>
        Assert.NotNull(ConfigurationKeys.Problem(variable, value));

    /// <summary>The configuration a container gets: its envFrom ConfigMaps, then its env (null for secret or field values).</summary>
    private static Dictionary<string, string?> Configuration(Kustomization k, Dictionary<string, object?> container)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in container.MapsAt("envFrom").Select(e => e.TextAt("configMapRef.name")).OfType<string>())
        {
            foreach (var (key, value) in k.Get("ConfigMap", name).MapAt("data"))
            {
                variables[key] = value as string;
            }
        }

        foreach (var env in container.MapsAt("env"))
        {
            variables[env.TextAt("name")!] = env.At("value") as string;
        }

        return variables
            .Where(v => v.Key.StartsWith(ConfigurationKeys.Prefix, StringComparison.Ordinal))
            .ToDictionary(v => ConfigurationKeys.KeyOf(v.Key), v => v.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static Workload Single(Kustomization k, string image)
    {
        var matches = k.Workloads.Where(w => w.Runs(image)).ToList();
        Assert.True(matches.Count == 1, $"{k.Folder}: expected exactly one workload running {image}, found {matches.Count}");
        return matches[0];
    }

    private static (string MountPath, string HostPath) BidirectionalMount(Workload gateway, Dictionary<string, object?> container, string folder)
    {
        var mount = container.MapsAt("volumeMounts").FirstOrDefault(m => m.TextAt("mountPropagation") == "Bidirectional");
        Assert.True(mount is not null, $"{folder}: the gateway needs a volumeMount with mountPropagation: Bidirectional");
        var hostPath = gateway.Volume(mount!.TextAt("name")!)?.TextAt("hostPath.path");
        Assert.True(hostPath is not null, $"{folder}: the gateway's Bidirectional mount must be a hostPath volume");
        return (mount.TextAt("mountPath")!, hostPath!);
    }

    private static bool Selects(Dictionary<string, object?> service, Workload workload)
    {
        var selector = service.MapAt("spec.selector");
        return selector.Count > 0 && Contains(workload.PodLabels, selector);
    }

    private static bool Contains(Dictionary<string, object?> labels, Dictionary<string, object?> required) =>
        required.All(r => labels.TryGetValue(r.Key, out var v) && Equals(v, r.Value));

    private static string Labels(Dictionary<string, object?> labels) =>
        "{" + string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}")) + "}";

    private static bool IsUnder(string path, string folder)
    {
        var p = path.TrimEnd('/');
        var f = folder.TrimEnd('/');
        return p == f || p.StartsWith(f + "/", StringComparison.Ordinal);
    }

    /// <summary>A Kubernetes quantity in bytes (binary and decimal suffixes).</summary>
    private static long Quantity(string text)
    {
        string[] binary = ["Ki", "Mi", "Gi", "Ti", "Pi"];
        string[] decimalSuffixes = ["k", "M", "G", "T", "P"];
        for (var i = 0; i < binary.Length; i++)
        {
            if (text.EndsWith(binary[i], StringComparison.Ordinal))
            {
                return long.Parse(text[..^2], CultureInfo.InvariantCulture) << (10 * (i + 1));
            }

            if (text.EndsWith(decimalSuffixes[i], StringComparison.Ordinal))
            {
                return long.Parse(text[..^1], CultureInfo.InvariantCulture) * (long)Math.Pow(1000, i + 1);
            }
        }

        return long.Parse(text, CultureInfo.InvariantCulture);
    }
}
