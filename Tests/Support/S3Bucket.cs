using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using WriteCache.Tests.Ufs;

namespace WriteCache.Tests.Support;

/// <summary>A fresh bucket on the test S3 endpoint (s3rver, started by scripts/test.sh), and what a user would check in it.</summary>
public sealed class S3Bucket : IDisposable
{
    private readonly IAmazonS3 client;

    private S3Bucket(IAmazonS3 client, string name, string endpoint)
    {
        this.client = client;
        Name = name;
        Endpoint = endpoint;
    }

    /// <summary>The bucket's name.</summary>
    public string Name { get; }

    /// <summary>The endpoint URL.</summary>
    public string Endpoint { get; }

    /// <summary>Configuration keys that make a silo persist <c>/</c> into this bucket under <paramref name="prefix"/>.</summary>
    public Dictionary<string, string?> Settings(string prefix = "cache") => new()
    {
        ["S3:ServiceUrl"] = Endpoint,
        ["S3:AccessKey"] = S3TestEndpoint.Key,
        ["S3:SecretKey"] = S3TestEndpoint.Key,
        ["Ufs:Mounts:0:Prefix"] = "/",
        ["Ufs:Mounts:0:Location"] = $"s3://{Name}/{prefix}",
    };

    /// <summary>Creates a bucket on <paramref name="endpoint"/> (default: the suite's s3rver).</summary>
    public static async Task<S3Bucket> CreateAsync(string? endpoint = null)
    {
        endpoint ??= S3TestEndpoint.Url;
        var client = WriteCache.Ufs.S3ClientFactory.Create(new WriteCache.Ufs.S3Options
        {
            ServiceUrl = endpoint,
            AccessKey = S3TestEndpoint.Key,
            SecretKey = S3TestEndpoint.Key,
        });
        var name = "wcache-" + Guid.NewGuid().ToString("N")[..16];
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return new S3Bucket(client, name, endpoint);
    }

    /// <summary>SHA-256 of the object at <paramref name="key"/>, null when there is none, <c>UNREADABLE</c> when it could not be read whole.</summary>
    public async Task<string?> Sha256Async(string key)
    {
        try
        {
            using var response = await client.GetObjectAsync(Name, key);
            using var sha = SHA256.Create();
            return Convert.ToHexString(await sha.ComputeHashAsync(response.ResponseStream));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Amazon.Runtime.AmazonClientException e) when (e.Message.Contains("hash", StringComparison.OrdinalIgnoreCase))
        {
            // s3rver serves an object while its PUT is still being written; read again later.
            return "UNREADABLE";
        }
    }

    /// <summary>How many objects the bucket holds under <paramref name="prefix"/>.</summary>
    public async Task<int> CountAsync(string prefix)
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name, Prefix = prefix, ContinuationToken = token });
            count += page.S3Objects?.Count ?? 0;
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return count;
    }

    /// <summary>Puts an object directly into the bucket, behind the cache's back, with optional user metadata (names without x-amz-meta-).</summary>
    public async Task PutAsync(string key, byte[] content, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream(content);
        var request = new PutObjectRequest { BucketName = Name, Key = key, InputStream = stream, UseChunkEncoding = false };
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Metadata.Add(name, value);
        }

        await client.PutObjectAsync(request);
    }

    /// <summary>The body of an object as text and its user metadata, or null when there is none.</summary>
    public async Task<(string Body, IReadOnlyDictionary<string, string> Metadata)?> GetAsync(string key)
    {
        try
        {
            using var response = await client.GetObjectAsync(Name, key);
            using var reader = new StreamReader(response.ResponseStream);
            var metadata = response.Metadata.Keys.ToDictionary(k => k.Replace("x-amz-meta-", string.Empty, StringComparison.OrdinalIgnoreCase), k => response.Metadata[k]);
            return (await reader.ReadToEndAsync(), metadata);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => client.Dispose();
}
