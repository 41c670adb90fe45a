using WriteCache.Ufs;

namespace WriteCache.Tests.Ufs;

/// <summary>Parsing of UFS location strings.</summary>
public sealed class UfsLocationTests
{
    [Theory]
    [InlineData("/srv/data", "/srv/data")]
    [InlineData("/srv/data/", "/srv/data")]
    [InlineData("file:///srv/data", "/srv/data")]
    [InlineData("file:///srv/my%20data", "/srv/my data")]
    [InlineData("/", "/")]
    public void LocalPathsAndFileUrisAreLocal(string value, string expected)
    {
        var location = UfsLocation.Parse(value);

        Assert.Equal(UfsKind.Local, location.Kind);
        Assert.Equal(expected, location.LocalPath);
        Assert.Equal(expected, location.ToString());
    }

    [Theory]
    [InlineData("s3://bucket/prefix", "bucket", "prefix", "s3://bucket/prefix")]
    [InlineData("s3://bucket/a/b/", "bucket", "a/b", "s3://bucket/a/b")]
    [InlineData("s3://bucket", "bucket", "", "s3://bucket")]
    [InlineData("s3://bucket/", "bucket", "", "s3://bucket")]
    [InlineData("S3://my.bucket-1/p", "my.bucket-1", "p", "s3://my.bucket-1/p")]
    public void S3UrisAreS3(string value, string bucket, string prefix, string canonical)
    {
        var location = UfsLocation.Parse(value);

        Assert.Equal(UfsKind.S3, location.Kind);
        Assert.Equal(bucket, location.Bucket);
        Assert.Equal(prefix, location.Prefix);
        Assert.Equal(canonical, location.ToString());
    }

    [Fact]
    public void ARelativeDirectoryIsTakenFromTheWorkingDirectory()
    {
        var location = UfsLocation.Parse(".data/ufs");

        Assert.Equal(UfsKind.Local, location.Kind);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, ".data", "ufs"), location.LocalPath);
    }

    [Theory]
    [InlineData("relative/../dir")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("http://example/x")]
    [InlineData("file://host/srv")]
    [InlineData("s3://")]
    [InlineData("s3://UPPER/x")]
    [InlineData("s3://ab/x")]
    [InlineData("s3://bucket/a/../b")]
    [InlineData("s3://bucket/a//b")]
    [InlineData("/srv/../etc")]
    public void InvalidLocationsFailNamingTheValue(string value)
    {
        var error = Assert.Throws<FormatException>(() => UfsLocation.Parse(value));

        Assert.Contains("UFS location", error.Message, StringComparison.Ordinal);
        if (!string.IsNullOrWhiteSpace(value))
        {
            Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LocationsAreValues()
    {
        Assert.Equal(UfsLocation.Parse("s3://b1b/p"), UfsLocation.S3("b1b", "p"));
        Assert.Equal(UfsLocation.Parse("/x/y"), UfsLocation.Local("/x/y/"));
    }
}
