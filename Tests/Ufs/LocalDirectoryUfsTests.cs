using System.Runtime.Versioning;
using WriteCache.Ufs;

namespace WriteCache.Tests.Ufs;

/// <summary>The UFS behaviour suite against <see cref="LocalDirectoryUfs"/>, plus what only a local directory shows.</summary>
public sealed class LocalDirectoryUfsTests(LocalUfsFixture fixture) : UfsBehaviourTests, IClassFixture<LocalUfsFixture>
{
    /// <inheritdoc />
    protected override IUnderFileSystem Ufs => fixture.Ufs;

    /// <inheritdoc />
    protected override Task MakeEmptyDirectoryElsewhereAsync(string relativeDirectory)
    {
        Directory.CreateDirectory(Path.Combine(fixture.Root, relativeDirectory));
        return Task.CompletedTask;
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task UploadAppliesModeAndMtimeToTheFile()
    {
        var path = UfsTestData.UniqueDirectory("attrs") + "/f.bin";
        var mtime = new DateTimeOffset(2022, 2, 3, 4, 5, 6, TimeSpan.Zero);

        await UploadAsync(path, UfsTestData.Bytes(10, 1), 10, new UfsObjectMetadata(Convert.ToInt32("750", 8), null, null, mtime));

        var file = Path.Combine(fixture.Root, path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(file));
        Assert.Equal(mtime.UtcDateTime, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public async Task UploadInProgressIsInvisibleUntilComplete()
    {
        var dir = UfsTestData.UniqueDirectory("progress");
        var upload = await Ufs.BeginUploadAsync(dir + "/f.bin", 4, UfsObjectMetadata.None, default);
        await upload.WriteAsync(new byte[] { 1, 2, 3, 4 }, default);

        Assert.Empty(await ListAsync(dir));
        Assert.Null(await Ufs.StatAsync(dir + "/f.bin", default));

        await upload.CompleteAsync(default);
        Assert.Equal(["f.bin"], (await ListAsync(dir)).Select(e => e.Name));
        Assert.Equal(["f.bin"], Directory.GetFiles(Path.Combine(fixture.Root, dir)).Select(Path.GetFileName));
    }

    /// <inheritdoc />
    protected override Task AssertNothingLeftAsync(string relativePath)
    {
        var directory = Path.GetDirectoryName(Path.Combine(fixture.Root, relativePath))!;
        var left = Directory.Exists(directory) ? Directory.GetFileSystemEntries(directory) : [];
        Assert.True(left.Length == 0, $"expected no files in {directory} after the upload ended, found: {string.Join(", ", left)}");
        return Task.CompletedTask;
    }
}
