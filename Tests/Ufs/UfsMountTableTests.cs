using Microsoft.Extensions.Configuration;
using WriteCache.Ufs;

namespace WriteCache.Tests.Ufs;

/// <summary>Resolution of cache paths to mounts, and the <c>Ufs</c> configuration section.</summary>
public sealed class UfsMountTableTests
{
    private readonly LocalDirectoryUfs root = new("/srv/root");
    private readonly LocalDirectoryUfs data = new("/srv/data");
    private readonly LocalDirectoryUfs deep = new("/srv/deep");

    [Theory]
    [InlineData("/", "root", "")]
    [InlineData("/x/y.bin", "root", "x/y.bin")]
    [InlineData("/data", "data", "")]
    [InlineData("/data/", "data", "")]
    [InlineData("/data/f.bin", "data", "f.bin")]
    [InlineData("/database/f.bin", "root", "database/f.bin")]
    [InlineData("/data/sub/f.bin", "deep", "f.bin")]
    [InlineData("/data/sub/x/f.bin", "deep", "x/f.bin")]
    [InlineData("/data/subway/f.bin", "data", "subway/f.bin")]
    public void LongestPrefixOnAComponentBoundaryWins(string cachePath, string expectedMount, string expectedRelative)
    {
        var table = new UfsMountTable([new("/", root), new("/data/sub/", deep), new("/data", data)]);

        var resolved = table.Resolve(cachePath);

        Assert.NotNull(resolved);
        var byName = new Dictionary<IUnderFileSystem, string> { [root] = "root", [data] = "data", [deep] = "deep" };
        Assert.Equal(expectedMount, byName[resolved.Value.Ufs]);
        Assert.Equal(expectedRelative, resolved.Value.RelativePath);
    }

    [Fact]
    public void PathNoMountCoversResolvesToNull()
    {
        var table = new UfsMountTable([new("/data", data)]);

        Assert.Null(table.Resolve("/other/f.bin"));
        Assert.Null(table.Resolve("/"));
        Assert.Null(table.Resolve("/dat"));
    }

    [Theory]
    [InlineData("relative")]
    [InlineData("/data/../etc/passwd")]
    [InlineData("/data/./f")]
    public void BadCachePathsAreRejected(string cachePath)
    {
        var table = new UfsMountTable([new("/", root)]);

        Assert.Throws<ArgumentException>(() => table.Resolve(cachePath));
    }

    [Fact]
    public void DuplicatePrefixesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new UfsMountTable([new("/a", root), new("/a/", data)]));
    }

    [Fact]
    public void MountsBindFromConfigurationAsAList()
    {
        // The shapes an operator writes: ini-style keys (command line, JSON flattened) and environment variables.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ufs:Mounts:0:Prefix"] = "/",
                ["Ufs:Mounts:0:Location"] = "/var/lib/wcache/ufs",
                ["Ufs:Mounts:1:Prefix"] = "/s3",
                ["Ufs:Mounts:1:Location"] = "s3://bucket/prefix",
            })
            .Build();
        var options = configuration.GetSection(UfsOptions.SectionName).Get<UfsOptions>()!;

        Assert.Equal(["/", "/s3"], options.Mounts.Select(m => m.Prefix));
        Assert.Equal(["/var/lib/wcache/ufs", "s3://bucket/prefix"], options.Mounts.Select(m => m.Location));
        Assert.True(new UfsOptionsValidator().Validate(null, options).Succeeded);

        using var table = UfsMountTable.Create(options, new S3Options { ServiceUrl = "http://127.0.0.1:1", AccessKey = "k", SecretKey = "s" });
        var s3 = Assert.IsType<S3Ufs>(table.Resolve("/s3/a/b.bin")?.Ufs);
        Assert.Equal("prefix/a/b.bin", s3.KeyOf("a/b.bin"));
        Assert.IsType<LocalDirectoryUfs>(table.Resolve("/x")?.Ufs);
    }

    [Fact]
    public void MountsBindFromEnvironmentStyleKeys()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // What the environment-variable provider turns Ufs__Mounts__0__Prefix into.
                [ConfigurationPath.Combine("Ufs", "Mounts", "0", "Prefix")] = "/s3",
                [ConfigurationPath.Combine("Ufs", "Mounts", "0", "Location")] = "s3://b-1/p",
            })
            .Build();

        var options = configuration.GetSection(UfsOptions.SectionName).Get<UfsOptions>()!;

        Assert.Equal("/s3", Assert.Single(options.Mounts).Prefix);
    }

    [Fact]
    public void ValidatorNamesTheKeyOfABadMount()
    {
        var options = new UfsOptions
        {
            Mounts =
            [
                new() { Prefix = "/", Location = "/ok" },
                new() { Prefix = "/s3", Location = "s3:/missing-slash" },
                new() { Prefix = "relative", Location = "/ok" },
                new() { Prefix = "/", Location = "/ok2" },
            ],
        };

        var result = new UfsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Ufs:Mounts:1:Location", StringComparison.Ordinal) && f.Contains("'s3:/missing-slash'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ufs:Mounts:2:Prefix 'relative'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ufs:Mounts:3:Prefix", StringComparison.Ordinal) && f.Contains("Ufs:Mounts:0", StringComparison.Ordinal));
        Assert.Equal(3, failures.Count);
    }
}
