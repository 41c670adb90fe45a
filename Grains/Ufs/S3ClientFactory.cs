using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace WriteCache.Ufs;

/// <summary>
/// Builds the S3 client from <see cref="S3Options"/>. The checksum settings matter: SDK v4 otherwise sends
/// aws-chunked bodies with trailing checksums, which S3 emulators such as s3rver store verbatim as object bytes
/// (every call succeeds, the data is corrupt). <see cref="S3Ufs"/> also sets UseChunkEncoding = false on each upload request.
/// </summary>
public static class S3ClientFactory
{
    /// <summary>The client config for <paramref name="options"/>; exposed so tests can check the settings.</summary>
    public static AmazonS3Config CreateConfig(S3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.EffectiveForcePathStyle,
            AuthenticationRegion = options.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            // ServiceURL after RegionEndpoint would be cleared by it, so set only one of them.
            config.ServiceURL = options.ServiceUrl;
        }

        return config;
    }

    /// <summary>A new client for <paramref name="options"/>; the caller owns and disposes it.</summary>
    public static AmazonS3Client Create(S3Options options)
    {
        var config = CreateConfig(options);
        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
