using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using WriteCache.Ufs;

namespace WriteCache.Tests.Ufs;

/// <summary>The <c>S3</c> configuration section, its validator, and the client settings that keep s3rver's data intact.</summary>
public sealed class S3OptionsTests
{
    [Fact]
    public void DefaultsAreValid()
    {
        var options = new S3Options();

        Assert.True(new S3OptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(8L * 1024 * 1024, options.PartSizeBytes);
        Assert.Equal(4, options.MaxConcurrentParts);
        Assert.Equal("us-east-1", options.Region);
        Assert.False(options.EffectiveForcePathStyle);
    }

    [Fact]
    public void TooSmallAPartSizeFailsNamingTheKey()
    {
        var result = new S3OptionsValidator().Validate(null, new S3Options { PartSizeBytes = 100 });

        Assert.Equal(["S3:PartSizeBytes must be at least 5242880 (was 100)"], result.Failures);
    }

    [Theory]
    [InlineData("ServiceUrl", "not a url", "S3:ServiceUrl")]
    [InlineData("ServiceUrl", "ftp://127.0.0.1", "S3:ServiceUrl")]
    [InlineData("AccessKey", "only-one", "S3:AccessKey and S3:SecretKey")]
    [InlineData("Region", "", "S3:Region")]
    [InlineData("MaxConcurrentParts", "0", "S3:MaxConcurrentParts")]
    [InlineData("PartSizeBytes", "4294967296", "S3:PartSizeBytes must be at most")]
    public void BadValuesFailNamingTheKey(string key, string value, string expectedStart)
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"S3:{key}"] = value })
            .Build()
            .GetSection(S3Options.SectionName)
            .Get<S3Options>()!;

        var result = new S3OptionsValidator().Validate(null, options);

        Assert.True(result.Failed, $"{key}={value} should fail validation");
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expectedStart, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientConfigHasTheSettingsS3rverNeeds()
    {
        var options = new S3Options { ServiceUrl = "http://127.0.0.1:4569", AccessKey = "S3RVER", SecretKey = "S3RVER" };

        var config = S3ClientFactory.CreateConfig(options);

        Assert.True(config.ForcePathStyle);
        Assert.Equal("us-east-1", config.AuthenticationRegion);
        Assert.Equal(RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        Assert.Equal(ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
        Assert.StartsWith("http://127.0.0.1:4569", config.ServiceURL, StringComparison.Ordinal);
        using var client = S3ClientFactory.Create(options);
    }

    [Fact]
    public void WithoutAServiceUrlTheRegionPicksTheEndpoint()
    {
        var config = S3ClientFactory.CreateConfig(new S3Options { Region = "eu-west-1" });

        Assert.False(config.ForcePathStyle);
        Assert.Equal("eu-west-1", config.RegionEndpoint?.SystemName);
    }
}
