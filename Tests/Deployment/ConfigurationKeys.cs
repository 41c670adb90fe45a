using System.Collections;
using System.ComponentModel;
using System.Reflection;
using WriteCache.Configuration;
using WriteCache.FuseGateway.FileSystem;
using WriteCache.Silo.Hosting;
using WriteCache.Ufs;

namespace WriteCache.Tests.Deployment;

/// <summary>
/// Checks a configuration environment variable (<c>WCACHE_Section__Key</c>, <c>WCACHE_Ufs__Mounts__0__Prefix</c>)
/// against the options class its section binds to, the way Microsoft.Extensions.Configuration's binder reads it:
/// names case-insensitive, only settable properties, list elements by index, values through the type's converter.
/// </summary>
internal static class ConfigurationKeys
{
    /// <summary>The prefix the silo and the gateway read environment configuration with.</summary>
    public const string Prefix = "WCACHE_";

    /// <summary>Each configuration section and the options class bound from it.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [ClusterHostingOptions.SectionName] = typeof(ClusterHostingOptions),
        [MetadataOptions.SectionName] = typeof(MetadataOptions),
        [PageStoreOptions.SectionName] = typeof(PageStoreOptions),
        [WriteCacheOptions.SectionName] = typeof(WriteCacheOptions),
        [PersistenceOptions.SectionName] = typeof(PersistenceOptions),
        [GatewayOptions.SectionName] = typeof(GatewayOptions),
        [S3Options.SectionName] = typeof(S3Options),
        [UfsOptions.SectionName] = typeof(UfsOptions),
        [AdminOptions.SectionName] = typeof(AdminOptions),
    };

    /// <summary>The configuration key of a WCACHE_ variable (<c>WCACHE_A__B</c> is <c>A:B</c>).</summary>
    public static string KeyOf(string variable) => variable[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal);

    /// <summary>
    /// Why <paramref name="variable"/> set to <paramref name="value"/> would not bind, or null when it binds.
    /// A value holding a Kubernetes <c>$(VAR)</c> reference, or null (set from a secret or a field), is not converted.
    /// </summary>
    public static string? Problem(string variable, string? value)
    {
        if (!variable.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"{variable}: does not start with {Prefix}";
        }

        var segments = variable[Prefix.Length..].Split("__");
        if (!Sections.TryGetValue(segments[0], out var type))
        {
            return $"{variable}: section '{segments[0]}' is none of {string.Join(", ", Sections.Keys)}";
        }

        if (segments.Length < 2)
        {
            return $"{variable}: names the section {segments[0]}, not a key in it";
        }

        var path = segments[0];
        foreach (var segment in segments.Skip(1))
        {
            if (ElementType(type) is { } element)
            {
                if (!int.TryParse(segment, out var index) || index < 0)
                {
                    return $"{variable}: {path} is a list, so '{segment}' must be an index (0, 1, ...)";
                }

                type = element;
            }
            else
            {
                var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property is null)
                {
                    return $"{variable}: {type.FullName} has no property '{segment}' (for key {path}:{segment})";
                }

                if (property.SetMethod is not { IsPublic: true } && ElementType(property.PropertyType) is null)
                {
                    return $"{variable}: {type.FullName}.{property.Name} has no public setter, so configuration cannot set it";
                }

                type = property.PropertyType;
            }

            path += ":" + segment;
        }

        if (!IsScalar(type))
        {
            return $"{variable}: {path} is a section of type {type.Name}, not a key";
        }

        if (value is null || value.Contains("$(", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException || e.InnerException is FormatException or OverflowException)
        {
            return $"{variable}: '{value}' is not a {Nullable.GetUnderlyingType(type)?.Name ?? type.Name} ({e.GetBaseException().Message})";
        }
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type)
            && type.GetGenericArguments() is [var element]
            ? element
            : null;
    }

    private static bool IsScalar(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(TimeSpan) || underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime)
            || underlying == typeof(Uri) || underlying == typeof(Guid);
    }
}
