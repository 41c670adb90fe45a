using Amazon.S3.Model;
using WriteCache.Ufs;

namespace WriteCache.Tests.Ufs;

/// <summary>A fresh bucket on the test s3rver for one test class, and an <see cref="S3Ufs"/> under a key prefix in it.</summary>
public sealed class S3BucketFixture : IAsyncLifetime
{
    private RecordingS3Client? client;
    private Exception? setupFailure;

    /// <summary>The bucket's name, unique per fixture.</summary>
    public string Bucket { get; } = "ufs-" + Guid.NewGuid().ToString("N");

    /// <summary>The key prefix the UFS lives under, so the tests also prove that keys and listings honour it.</summary>
    public string KeyPrefix => "tenant/ufs";

    /// <summary>The client; throws the reason the bucket could not be made, so every test fails with it.</summary>
    public RecordingS3Client Client => client ?? throw new InvalidOperationException(setupFailure?.Message, setupFailure);

    /// <summary>The UFS under test.</summary>
    public S3Ufs Ufs => new(Client, Bucket, KeyPrefix, 8L * 1024 * 1024, 4);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        try
        {
            var created = S3TestEndpoint.CreateClient();
            await created.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }).ConfigureAwait(false);
            client = created;
        }
        catch (Exception e)
        {
            // Reported by each test rather than as a fixture error, which hides the message in some runners.
            setupFailure = e;
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        client?.Dispose();
        return Task.CompletedTask;
    }
}
