using System.Security.Cryptography;
using Amazon.S3.Model;
using WriteCache.Ufs;

namespace WriteCache.Tests.Ufs;

/// <summary>
/// The UFS behaviour suite against <see cref="S3Ufs"/> on a real s3rver (WCACHE_TEST_S3), in a fresh bucket, plus what
/// only S3 shows: single put versus multipart, no chunk-encoded bodies, abort of a failed multipart upload, raw keys.
/// </summary>
public sealed class S3UfsTests(S3BucketFixture fixture) : UfsBehaviourTests, IClassFixture<S3BucketFixture>
{
    /// <inheritdoc />
    protected override IUnderFileSystem Ufs => fixture.Ufs;

    /// <inheritdoc />
    protected override async Task MakeEmptyDirectoryElsewhereAsync(string relativeDirectory) =>
        await fixture.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = fixture.Bucket,
            Key = fixture.KeyPrefix + "/" + relativeDirectory + "/",
            InputStream = new MemoryStream([]),
            UseChunkEncoding = false,
        });

    [Theory]
    [InlineData(0)]
    [InlineData(3 * UfsTestData.MiB)]
    [InlineData(8 * UfsTestData.MiB)]
    public async Task FileThatFitsInOnePartIsOnePut(int size)
    {
        var path = UfsTestData.UniqueDirectory("single") + "/f.bin";
        var data = UfsTestData.Bytes(size, 11);

        var info = await UploadAsync(path, data, UfsTestData.MiB);

        Assert.Equal(["PutObject"], fixture.Client.CallsFor(fixture.Ufs.KeyOf(path)));
        Assert.Equal(Convert.ToHexString(MD5.HashData(data)), info.Fingerprint, ignoreCase: true);
        await AssertReadsBackAsync(path, data);
    }

    [Fact]
    public async Task LargeFileIsAMultipartUploadOfEightMiBParts()
    {
        var path = UfsTestData.UniqueDirectory("multi") + "/f.bin";
        var data = UfsTestData.Bytes(37 * UfsTestData.MiB + 1, 12);

        await UploadAsync(path, data, UfsTestData.MiB);

        var calls = fixture.Client.CallsFor(fixture.Ufs.KeyOf(path));
        Assert.Equal(["InitiateMultipartUpload", "UploadPart", "UploadPart", "UploadPart", "UploadPart", "UploadPart", "CompleteMultipartUpload"], calls);
        await AssertReadsBackAsync(path, data);
    }

    [Fact]
    public async Task NoBodyIsSentChunkEncoded()
    {
        var dir = UfsTestData.UniqueDirectory("chunk");
        var large = UfsTestData.Bytes(9 * UfsTestData.MiB, 13);
        var small = UfsTestData.Bytes(10, 14);
        await UploadAsync(dir + "/f.bin", large, UfsTestData.MiB);
        await UploadAsync(dir + "/g.bin", small, 10);
        await AssertReadsBackAsync(dir + "/f.bin", large);
        await AssertReadsBackAsync(dir + "/g.bin", small);

        Assert.NotEmpty(fixture.Client.ChunkEncodingSent);
        Assert.All(fixture.Client.ChunkEncodingSent, sent => Assert.False(sent));
    }

    [Fact]
    public async Task FailedPartAbortsTheMultipartUpload()
    {
        var path = UfsTestData.UniqueDirectory("fail") + "/f.bin";
        var key = fixture.Ufs.KeyOf(path);
        fixture.Client.FailPart[key] = 2;
        var data = UfsTestData.Bytes(30 * UfsTestData.MiB, 15);

        var error = await Record.ExceptionAsync(() => UploadAsync(path, data, UfsTestData.MiB));

        Assert.IsType<IOException>(error);
        Assert.Contains("simulated failure of part 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("AbortMultipartUpload", fixture.Client.CallsFor(key));
        Assert.DoesNotContain("CompleteMultipartUpload", fixture.Client.CallsFor(key));
        Assert.Null(await Ufs.StatAsync(path, default));
    }

    [Fact]
    public async Task KeysLiveUnderThePrefixAndMetadataIsUserMetadata()
    {
        var path = UfsTestData.UniqueDirectory("keys") + "/f.bin";
        var mtime = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(5);
        await UploadAsync(path, [42], 1, new UfsObjectMetadata(Convert.ToInt32("644", 8), 1000, 1001, mtime));
        await AssertReadsBackAsync(path, [42]);

        var head = await fixture.Client.GetObjectMetadataAsync(fixture.Bucket, $"{fixture.KeyPrefix}/{path}");

        Assert.Equal(1, head.ContentLength);
        Assert.Equal("420", head.Metadata["x-amz-meta-mode"]);
        Assert.Equal("1000", head.Metadata["x-amz-meta-uid"]);
        Assert.Equal("1001", head.Metadata["x-amz-meta-gid"]);
        Assert.Equal("1609459200.0000005", head.Metadata["x-amz-meta-mtime"]);
        var stat = await Ufs.StatAsync(path, default);
        Assert.Equal(new UfsObjectMetadata(Convert.ToInt32("644", 8), 1000, 1001, mtime), stat?.Metadata);
    }

    [Fact]
    public async Task ASymlinkIsAnObjectHoldingItsTargetWithTheSymlinkTypeInItsMode()
    {
        // The documented form (as s3fs writes symlinks): body = target, x-amz-meta-mode = S_IFLNK | permissions.
        var path = UfsTestData.UniqueDirectory("s3-symlink") + "/latest";
        await Ufs.WriteSymlinkAsync(path, "checkpoints/step-900", new UfsObjectMetadata(Convert.ToInt32("777", 8), null, null, null), default);

        var key = $"{fixture.KeyPrefix}/{path}";
        using var got = await fixture.Client.GetObjectAsync(fixture.Bucket, key);
        using var reader = new StreamReader(got.ResponseStream);
        Assert.Equal("checkpoints/step-900", await reader.ReadToEndAsync());
        Assert.Equal(Convert.ToInt32("120777", 8).ToString(System.Globalization.CultureInfo.InvariantCulture), got.Metadata["x-amz-meta-mode"]);

        // Changing its attributes keeps it a symlink.
        await Ufs.SetMetadataAsync(path, new UfsObjectMetadata(Convert.ToInt32("777", 8), 5, 6, DateTimeOffset.UnixEpoch.AddDays(1)), default);
        Assert.Equal("checkpoints/step-900", (await Ufs.StatAsync(path, default))?.SymlinkTarget);
    }

    [Fact]
    public async Task UfsWithAnEmptyPrefixUsesTheBucketRoot()
    {
        var ufs = new S3Ufs(fixture.Client, fixture.Bucket, string.Empty);
        var path = UfsTestData.UniqueDirectory("root") + ".bin";
        var data = UfsTestData.Bytes(1000, 16);
        await using (var upload = await ufs.BeginUploadAsync(path, data.Length, UfsObjectMetadata.None, default))
        {
            await upload.WriteAsync(data, default);
            await upload.CompleteAsync(default);
        }

        using var get = await fixture.Client.GetObjectAsync(fixture.Bucket, path);
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(UfsTestData.Sha256(data), UfsTestData.Sha256(copy.ToArray()));
        var names = new List<string>();
        await foreach (var entry in ufs.ListAsync(string.Empty, default))
        {
            names.Add(entry.Name);
        }

        Assert.Contains(path, names);
        Assert.Contains("tenant", names);
    }

    [Fact]
    public async Task ListingSkipsADirectoryMarkerObject()
    {
        var dir = UfsTestData.UniqueDirectory("marker");
        await fixture.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = fixture.Bucket,
            Key = $"{fixture.KeyPrefix}/{dir}/",
            ContentBody = string.Empty,
            UseChunkEncoding = false,
        });
        await UploadAsync(dir + "/f.bin", [1], 1);

        Assert.Equal(["f.bin"], (await ListAsync(dir)).Select(e => e.Name));
        await AssertReadsBackAsync(dir + "/f.bin", [1]);
    }

    /// <inheritdoc />
    protected override async Task AssertNothingLeftAsync(string relativePath)
    {
        var key = fixture.Ufs.KeyOf(relativePath);
        var calls = fixture.Client.CallsFor(key);
        Assert.DoesNotContain("PutObject", calls);
        Assert.DoesNotContain("CompleteMultipartUpload", calls);
        if (calls.Contains("InitiateMultipartUpload"))
        {
            Assert.Contains("AbortMultipartUpload", calls);
        }

        var list = await fixture.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fixture.Bucket, Prefix = key });
        Assert.Empty(list.S3Objects ?? []);
    }
}
