using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace WriteCache.Tests.Ufs;

/// <summary>
/// A real S3 client that records the upload calls it makes (to tell a single put from a multipart upload, and to check
/// that no body was sent chunk-encoded) and can fail chosen parts, to test the abort path.
/// </summary>
public sealed class RecordingS3Client(AWSCredentials credentials, AmazonS3Config config) : AmazonS3Client(credentials, config)
{
    /// <summary>Calls made, as "Operation key" (parts as "UploadPart key #n"), in the order they started.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Every UseChunkEncoding value sent on a PutObject or UploadPart request.</summary>
    public ConcurrentQueue<bool?> ChunkEncodingSent { get; } = new();

    /// <summary>Keys whose part of this number fails with a simulated network error.</summary>
    public ConcurrentDictionary<string, int> FailPart { get; } = new();

    /// <summary>The calls recorded for <paramref name="key"/>, operation names only.</summary>
    public List<string> CallsFor(string key) =>
        [.. Calls.Where(c => c.Split(' ')[1] == key).Select(c => c.Split(' ')[0])];

    /// <inheritdoc />
    public override Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"PutObject {request.Key}");
        ChunkEncodingSent.Enqueue(request.UseChunkEncoding);
        return base.PutObjectAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<InitiateMultipartUploadResponse> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"InitiateMultipartUpload {request.Key}");
        return base.InitiateMultipartUploadAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<UploadPartResponse> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"UploadPart {request.Key} #{request.PartNumber}");
        ChunkEncodingSent.Enqueue(request.UseChunkEncoding);
        if (FailPart.TryGetValue(request.Key, out var part) && part == request.PartNumber)
        {
            return Task.FromException<UploadPartResponse>(new AmazonServiceException($"simulated failure of part {part}"));
        }

        return base.UploadPartAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<CompleteMultipartUploadResponse> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"CompleteMultipartUpload {request.Key}");
        return base.CompleteMultipartUploadAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<AbortMultipartUploadResponse> AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"AbortMultipartUpload {request.Key}");
        return base.AbortMultipartUploadAsync(request, cancellationToken);
    }
}
