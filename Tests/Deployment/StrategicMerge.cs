namespace WriteCache.Tests.Deployment;

/// <summary>
/// The part of Kubernetes' strategic merge patch that our overlays use: mappings merge key by key, sequences of
/// mappings that all have a <c>name</c> merge item by item on it (containers, env, ports, volumes), and any other
/// sequence is replaced whole (as <c>volumeClaimTemplates</c>, which has no merge key, is by Kubernetes).
/// </summary>
internal static class StrategicMerge
{
    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> in place.</summary>
    public static void Apply(Dictionary<string, object?> target, Dictionary<string, object?> patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is Dictionary<string, object?> patchMap && target.GetValueOrDefault(key) is Dictionary<string, object?> targetMap)
            {
                Apply(targetMap, patchMap);
            }
            else if (value is List<object?> patchList && target.GetValueOrDefault(key) is List<object?> targetList
                && IsNamedList(patchList) && IsNamedList(targetList))
            {
                foreach (var item in patchList.Cast<Dictionary<string, object?>>())
                {
                    var match = targetList.Cast<Dictionary<string, object?>>().FirstOrDefault(t => Equals(t["name"], item["name"]));
                    if (match is null)
                    {
                        targetList.Add(YamlTree.Clone(item));
                    }
                    else
                    {
                        Apply(match, item);
                    }
                }
            }
            else
            {
                target[key] = YamlTree.Clone(value);
            }
        }
    }

    private static bool IsNamedList(List<object?> list) =>
        list.All(item => item is Dictionary<string, object?> map && map.ContainsKey("name"));
}
