using System.Diagnostics.CodeAnalysis;

namespace WriteCache.Ufs;

/// <summary>
/// Where a UFS stores files, parsed from a string: an absolute local path (<c>/srv/data</c>, <c>file:///srv/data</c>)
/// or <c>s3://bucket/prefix</c> (the prefix may be empty). <see cref="ToString"/> gives the canonical form.
/// </summary>
/// <param name="Kind">Local directory or S3.</param>
/// <param name="LocalPath">The absolute root directory for <see cref="UfsKind.Local"/>; empty for S3.</param>
/// <param name="Bucket">The bucket for <see cref="UfsKind.S3"/>; empty for a local directory.</param>
/// <param name="Prefix">The key prefix for <see cref="UfsKind.S3"/>, without leading or trailing '/'; may be empty.</param>
[GenerateSerializer]
[Alias("WriteCache.Ufs.UfsLocation")]
public sealed record UfsLocation(
    [property: Id(0)] UfsKind Kind,
    [property: Id(1)] string LocalPath,
    [property: Id(2)] string Bucket,
    [property: Id(3)] string Prefix)
{
    private const string S3Scheme = "s3://";
    private const string FileScheme = "file://";

    /// <summary>A local directory location.</summary>
    public static UfsLocation Local(string rootDirectory) => Parse(rootDirectory);

    /// <summary>An S3 location.</summary>
    public static UfsLocation S3(string bucket, string prefix = "") => Parse(S3Scheme + bucket + "/" + prefix);

    /// <summary>Parses <paramref name="value"/>; throws <see cref="FormatException"/> naming the value when it is not a location.</summary>
    public static UfsLocation Parse(string value)
    {
        if (!TryParse(value, out var location, out var error))
        {
            throw new FormatException(error);
        }

        return location;
    }

    /// <summary>Parses <paramref name="value"/>; on failure <paramref name="error"/> says why, naming the value.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out UfsLocation? location, [NotNullWhen(false)] out string? error)
    {
        location = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "UFS location is empty: expected an absolute directory such as /srv/data, file:///srv/data, or s3://bucket/prefix";
            return false;
        }

        if (value.StartsWith(S3Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseS3(value, out location, out error);
        }

        var path = value;
        if (value.StartsWith(FileScheme, StringComparison.OrdinalIgnoreCase))
        {
            path = value[FileScheme.Length..];
            if (!path.StartsWith('/'))
            {
                error = $"UFS location '{value}' is not valid: a file URI must have an empty host and an absolute path, as in file:///srv/data";
                return false;
            }

            path = Uri.UnescapeDataString(path);
        }
        else if (value.Contains("://", StringComparison.Ordinal) || LooksLikeScheme(value))
        {
            error = $"UFS location '{value}' is not valid: only s3:// and file:// locations and absolute paths are supported";
            return false;
        }

        if (path.Contains('\0') || path.Split('/').Any(s => s is "." or ".."))
        {
            error = $"UFS location '{value}' is not valid: the path must not contain '.' or '..' segments";
            return false;
        }

        // A relative directory is taken from the working directory, as PageStore:Directory and Metadata:SqlitePath are.
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        location = new UfsLocation(UfsKind.Local, full, string.Empty, string.Empty);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Kind == UfsKind.S3
        ? (Prefix.Length == 0 ? $"{S3Scheme}{Bucket}" : $"{S3Scheme}{Bucket}/{Prefix}")
        : LocalPath;

    private static bool TryParseS3(string value, [NotNullWhen(true)] out UfsLocation? location, [NotNullWhen(false)] out string? error)
    {
        location = null;
        var rest = value[S3Scheme.Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        if (!IsBucketName(bucket))
        {
            error = $"UFS location '{value}' is not valid: '{bucket}' is not an S3 bucket name (3-63 characters of a-z, 0-9, '.', '-', starting and ending with a letter or digit)";
            return false;
        }

        if (prefix.Length > 0 && prefix.Split('/').Any(s => s is "" or "." or ".."))
        {
            error = $"UFS location '{value}' is not valid: the key prefix must not contain empty, '.' or '..' segments";
            return false;
        }

        error = null;
        location = new UfsLocation(UfsKind.S3, string.Empty, bucket, prefix);
        return true;
    }

    private static bool IsBucketName(string bucket)
    {
        if (bucket.Length is < 3 or > 63 || !char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            return false;
        }

        foreach (var c in bucket)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for "s3:/x" or "gs:bucket": a typo'd URL must not pass for a relative directory.</summary>
    private static bool LooksLikeScheme(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return colon > 0 && (slash < 0 || colon < slash);
    }
}
