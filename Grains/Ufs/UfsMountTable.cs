using System.Diagnostics.CodeAnalysis;
using Amazon.S3;

namespace WriteCache.Ufs;

/// <summary>
/// Maps cache paths to the UFS that persists them: the mount with the longest prefix that covers the path on a
/// path-component boundary wins (<c>/s3</c> covers <c>/s3</c> and <c>/s3/x</c>, not <c>/s3x</c>).
/// </summary>
public sealed class UfsMountTable : IDisposable
{
    private readonly UfsMount[] byLength;
    private readonly IDisposable? owned;

    /// <summary>A table of <paramref name="mounts"/>; prefixes are normalized and must be distinct.</summary>
    public UfsMountTable(IEnumerable<UfsMount> mounts)
        : this(mounts, null)
    {
    }

    private UfsMountTable(IEnumerable<UfsMount> mounts, IDisposable? owned)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        var normalized = new List<UfsMount>();
        foreach (var mount in mounts)
        {
            if (!TryNormalizePrefix(mount.Prefix, out var prefix, out var error))
            {
                throw new ArgumentException($"Mount prefix {error}", nameof(mounts));
            }

            if (normalized.Any(m => m.Prefix == prefix))
            {
                throw new ArgumentException($"Mount prefix '{prefix}' appears twice.", nameof(mounts));
            }

            normalized.Add(mount with { Prefix = prefix });
        }

        Mounts = normalized;
        byLength = [.. normalized.OrderByDescending(m => m.Prefix.Length)];
        this.owned = owned;
    }

    /// <summary>The mounts, prefixes normalized, in the order given.</summary>
    public IReadOnlyList<UfsMount> Mounts { get; }

    /// <summary>
    /// Builds the table from validated <paramref name="options"/>: a <see cref="LocalDirectoryUfs"/> per local location and an
    /// <see cref="S3Ufs"/> per S3 location, all S3 mounts sharing one client from <paramref name="s3Options"/>, which the table owns.
    /// </summary>
    public static UfsMountTable Create(UfsOptions options, S3Options s3Options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(s3Options);
        AmazonS3Client? client = null;
        var mounts = new List<UfsMount>();
        try
        {
            for (var i = 0; i < options.Mounts.Count; i++)
            {
                var location = UfsLocation.TryParse(options.Mounts[i].Location, out var parsed, out var error)
                    ? parsed
                    : throw new FormatException($"{UfsOptions.SectionName}:Mounts:{i}:Location: {error}");
                IUnderFileSystem ufs = location.Kind == UfsKind.S3
                    ? new S3Ufs(client ??= S3ClientFactory.Create(s3Options), location, s3Options.PartSizeBytes, s3Options.MaxConcurrentParts)
                    : new LocalDirectoryUfs(location);
                mounts.Add(new UfsMount(options.Mounts[i].Prefix, ufs));
            }

            return new UfsMountTable(mounts, client);
        }
        catch
        {
            client?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The UFS for <paramref name="cachePath"/> (absolute, '/'-separated) and the path relative to its mount ('' for the
    /// mount point itself), or null when no mount covers it. Throws <see cref="ArgumentException"/> for '.' or '..' segments.
    /// </summary>
    public (IUnderFileSystem Ufs, string RelativePath)? Resolve(string cachePath)
    {
        ArgumentNullException.ThrowIfNull(cachePath);
        if (!cachePath.StartsWith('/'))
        {
            throw new ArgumentException($"Cache path '{cachePath}' must be absolute.", nameof(cachePath));
        }

        var path = cachePath.Length > 1 ? cachePath.TrimEnd('/') : cachePath;
        if (path.Length == 0)
        {
            path = "/";
        }

        if (path.Split('/').Any(s => s is "." or ".."))
        {
            throw new ArgumentException($"Cache path '{cachePath}' has a '.' or '..' segment.", nameof(cachePath));
        }

        foreach (var mount in byLength)
        {
            if (mount.Prefix == "/")
            {
                return (mount.Ufs, path.TrimStart('/'));
            }

            if (path == mount.Prefix)
            {
                return (mount.Ufs, string.Empty);
            }

            if (path.Length > mount.Prefix.Length && path.StartsWith(mount.Prefix, StringComparison.Ordinal) && path[mount.Prefix.Length] == '/')
            {
                return (mount.Ufs, path[(mount.Prefix.Length + 1)..]);
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose() => owned?.Dispose();

    /// <summary>Normalizes a mount prefix: absolute, no empty, '.' or '..' segments, trailing '/' removed (except for the root).</summary>
    internal static bool TryNormalizePrefix(string? prefix, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        error = null;
        if (string.IsNullOrEmpty(prefix) || !prefix.StartsWith('/'))
        {
            error = $"'{prefix}' must be an absolute cache path such as / or /s3";
            return false;
        }

        var trimmed = prefix.Length > 1 ? prefix.TrimEnd('/') : prefix;
        if (trimmed.Length == 0)
        {
            trimmed = "/";
        }

        if (trimmed != "/" && trimmed[1..].Split('/').Any(s => s is "" or "." or ".."))
        {
            error = $"'{prefix}' must not contain empty, '.' or '..' segments";
            return false;
        }

        normalized = trimmed;
        return true;
    }
}
