using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace WriteCache.Tests.Deployment;

/// <summary>
/// YAML documents as plain trees: <see cref="Dictionary{TKey,TValue}"/> for mappings, <see cref="List{T}"/> for
/// sequences, and for scalars what the Kubernetes API server would see under YAML's core schema: a quoted scalar is a
/// string, a plain one is a long, double, bool or null when it looks like one, else a string.
/// </summary>
internal static partial class YamlTree
{
    /// <summary>Every document of a (multi-document) YAML file; empty documents are skipped.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> LoadFile(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var documents = new List<Dictionary<string, object?>>();
        foreach (var document in stream.Documents)
        {
            switch (Convert(document.RootNode))
            {
                case Dictionary<string, object?> map:
                    documents.Add(map);
                    break;
                case List<object?> list:
                    // A JSON 6902 patch file is a list of operations; kept whole under one key.
                    documents.Add(new Dictionary<string, object?> { ["$operations"] = list });
                    break;
                case null:
                    break;
                default:
                    throw new InvalidDataException($"{path}: a document is a bare scalar");
            }
        }

        return documents;
    }

    /// <summary>A deep copy, so merging patches into a tree does not change the tree it came from.</summary>
    public static object? Clone(object? node) => node switch
    {
        Dictionary<string, object?> map => map.ToDictionary(e => e.Key, e => Clone(e.Value)),
        List<object?> list => list.Select(Clone).ToList(),
        _ => node,
    };

    /// <summary>The node at a '.'-separated path of mapping keys, or null when any step is missing.</summary>
    public static object? At(this Dictionary<string, object?> map, string path)
    {
        object? node = map;
        foreach (var key in path.Split('.'))
        {
            if (node is not Dictionary<string, object?> current || !current.TryGetValue(key, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The mapping at <paramref name="path"/>, or an empty one.</summary>
    public static Dictionary<string, object?> MapAt(this Dictionary<string, object?> map, string path) =>
        map.At(path) as Dictionary<string, object?> ?? [];

    /// <summary>The mappings of the sequence at <paramref name="path"/>, or none.</summary>
    public static IEnumerable<Dictionary<string, object?>> MapsAt(this Dictionary<string, object?> map, string path) =>
        (map.At(path) as List<object?> ?? []).OfType<Dictionary<string, object?>>();

    /// <summary>The scalar at <paramref name="path"/> as text (numbers and bools as written in YAML), or null.</summary>
    public static string? TextAt(this Dictionary<string, object?> map, string path) => map.At(path) switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.ToDictionary(
            e => ((YamlScalarNode)e.Key).Value ?? string.Empty,
            e => Convert(e.Value)),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}"),
    };

    private static object? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return value;
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return value.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (FloatPattern().IsMatch(value))
        {
            return double.Parse(value, CultureInfo.InvariantCulture);
        }

        return value;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
