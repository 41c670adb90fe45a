using Amazon.Runtime;
using WriteCache.Ufs;

namespace WriteCache.Tests.Ufs;

/// <summary>The s3rver the S3 tests run against, named by the WCACHE_TEST_S3 environment variable.</summary>
public static class S3TestEndpoint
{
    /// <summary>The variable holding the endpoint, such as http://127.0.0.1:4569.</summary>
    public const string Variable = "WCACHE_TEST_S3";

    /// <summary>s3rver's fixed access key and secret.</summary>
    public const string Key = "S3RVER";

    /// <summary>The endpoint; throws (failing the test, not skipping it) when the variable is not set.</summary>
    public static string Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
        ? url
        : throw new InvalidOperationException(
            $"{Variable} is not set, so the S3 tests have no S3 endpoint: run scripts/test.sh, which starts s3rver and sets it "
            + $"(or run scripts/s3rver.sh start DIR PORT and export {Variable}=http://127.0.0.1:PORT).");

    /// <summary>Options for the endpoint, with the part size and concurrency the tests use.</summary>
    public static S3Options Options() => new()
    {
        ServiceUrl = Url,
        AccessKey = Key,
        SecretKey = Key,
        PartSizeBytes = 8L * 1024 * 1024,
        MaxConcurrentParts = 4,
    };

    /// <summary>A recording client configured exactly as production's <see cref="S3ClientFactory"/> configures one.</summary>
    public static RecordingS3Client CreateClient()
    {
        var options = Options();
        return new RecordingS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), S3ClientFactory.CreateConfig(options));
    }
}
