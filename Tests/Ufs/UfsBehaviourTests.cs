using WriteCache.Ufs;

namespace WriteCache.Tests.Ufs;

/// <summary>
/// The behaviour every <see cref="IUnderFileSystem"/> must show, run against each implementation by a derived class.
/// Every read-back is compared by SHA-256 with what was written: S3 emulators have been seen to corrupt silently.
/// </summary>
public abstract class UfsBehaviourTests
{
    /// <summary>The UFS under test.</summary>
    protected abstract IUnderFileSystem Ufs { get; }

    /// <summary>Checks that nothing of an aborted or failed upload to <paramref name="relativePath"/> is left behind.</summary>
    protected abstract Task AssertNothingLeftAsync(string relativePath);

    /// <summary>Makes an empty directory the way other tools do: a local mkdir, an S3 console's marker object.</summary>
    protected abstract Task MakeEmptyDirectoryElsewhereAsync(string relativeDirectory);

    [Fact]
    public async Task ADirectoryExistsEmptyOrNotWhileAFileOrNothingIsNoDirectory()
    {
        var dir = UfsTestData.UniqueDirectory("exists");
        await UploadAsync(dir + "/full/f.bin", [1, 2, 3], 3);
        await MakeEmptyDirectoryElsewhereAsync(dir + "/empty");

        Assert.True(await Ufs.DirectoryExistsAsync(dir + "/full", default));
        Assert.True(await Ufs.DirectoryExistsAsync(dir + "/empty", default));
        Assert.True(await Ufs.DirectoryExistsAsync(dir, default));
        Assert.True(await Ufs.DirectoryExistsAsync(string.Empty, default));
        Assert.False(await Ufs.DirectoryExistsAsync(dir + "/full/f.bin", default));
        Assert.False(await Ufs.DirectoryExistsAsync(dir + "/absent", default));
        Assert.Contains(await ListAsync(dir), e => e.Name == "empty" && e.IsDirectory);
        Assert.Empty(await ListAsync(dir + "/empty"));
    }

    [Theory]
    [InlineData(0, UfsTestData.MiB)]
    [InlineData(1, UfsTestData.MiB)]
    [InlineData(3 * UfsTestData.MiB, UfsTestData.MiB)]
    [InlineData(37 * UfsTestData.MiB + 1, UfsTestData.MiB)]
    [InlineData(20 * UfsTestData.MiB, 3 * UfsTestData.MiB + 17)]
    public async Task UploadedFileReadsBackWithTheSameSha256(int size, int chunkSize)
    {
        var path = UfsTestData.UniqueDirectory("upload") + "/nested/file.bin";
        var data = UfsTestData.Bytes(size, seed: size);

        var info = await UploadAsync(path, data, chunkSize);

        Assert.Equal(size, info.Size);
        var stat = await Ufs.StatAsync(path, default);
        Assert.NotNull(stat);
        Assert.Equal(size, stat.Size);
        Assert.Equal(info.Fingerprint, stat.Fingerprint);
        await AssertReadsBackAsync(path, data);
    }

    [Fact]
    public async Task ASymlinkIsStoredAndStatsAsTheSameSymlinkAndIsDeletedLikeAFile()
    {
        var directory = UfsTestData.UniqueDirectory("symlink");
        var path = directory + "/link";

        await Ufs.WriteSymlinkAsync(path, "../targets/model.ckpt", new UfsObjectMetadata(0x1FF, 0, 0, DateTimeOffset.UtcNow), default);

        var stat = await Ufs.StatAsync(path, default);
        Assert.NotNull(stat);
        Assert.Equal("../targets/model.ckpt", stat.SymlinkTarget);
        Assert.Equal("../targets/model.ckpt".Length, stat.Size);
        Assert.True(await Ufs.DeleteAsync(path, default));
        Assert.Null(await Ufs.StatAsync(path, default));
    }

    [Fact]
    public async Task AttributesOfAStoredFileChangeWithoutTouchingItsContent()
    {
        var path = UfsTestData.UniqueDirectory("chmod") + "/f.bin";
        var data = UfsTestData.Bytes(70_000, 11);
        await UploadAsync(path, data, 4096);
        var mtime = new DateTimeOffset(2019, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567);

        await Ufs.SetMetadataAsync(path, new UfsObjectMetadata(Convert.ToInt32("600", 8), null, null, mtime), default);

        var stat = await Ufs.StatAsync(path, default);
        Assert.Equal(Convert.ToInt32("600", 8), stat?.Metadata?.Mode);
        Assert.Equal(mtime, stat?.Metadata?.ModifiedTime);
        await AssertReadsBackAsync(path, data);
    }

    [Fact]
    public async Task RemovingADirectoryRefusesWhileAFileIsInItAndThenLeavesNothingListed()
    {
        var directory = UfsTestData.UniqueDirectory("rmdir");
        await UploadAsync(directory + "/sub/f.bin", [1, 2, 3], 3);

        Assert.False(await Ufs.RemoveDirectoryAsync(directory + "/sub", default));
        Assert.True(await Ufs.DeleteAsync(directory + "/sub/f.bin", default));
        Assert.True(await Ufs.RemoveDirectoryAsync(directory + "/sub", default));

        var left = new List<UfsEntry>();
        await foreach (var entry in Ufs.ListAsync(directory, default))
        {
            left.Add(entry);
        }

        Assert.Empty(left);
        Assert.True(await Ufs.RemoveDirectoryAsync(directory + "/never-there", default));
    }

    [Fact]
    public async Task UploadReplacesAnExistingFile()
    {
        var path = UfsTestData.UniqueDirectory("replace") + "/f.bin";
        await UploadAsync(path, UfsTestData.Bytes(5000, 1), 4096);
        var second = UfsTestData.Bytes(300, 2);

        await UploadAsync(path, second, 4096);

        await AssertReadsBackAsync(path, second);
    }

    [Fact]
    public async Task RangedReadsReturnTheRequestedBytes()
    {
        var path = UfsTestData.UniqueDirectory("range") + "/f.bin";
        var data = UfsTestData.Bytes(3 * UfsTestData.MiB + 123, 7);
        await UploadAsync(path, data, UfsTestData.MiB);

        foreach (var (offset, length) in new[] { (0L, 10), (UfsTestData.MiB - 5L, 10), (1_500_000L, UfsTestData.MiB + 3), (data.Length - 7L, 7) })
        {
            var buffer = new byte[length];
            var read = await Ufs.ReadAsync(path, offset, buffer, default);
            Assert.Equal(length, read);
            Assert.True(
                UfsTestData.Sha256(data.AsSpan((int)offset, length)) == UfsTestData.Sha256(buffer),
                $"bytes read at offset {offset}, length {length} differ from those written");
        }

        var tail = new byte[100];
        Assert.Equal(7, await Ufs.ReadAsync(path, data.Length - 7L, tail, default));
        Assert.Equal(UfsTestData.Sha256(data.AsSpan(data.Length - 7)), UfsTestData.Sha256(tail.AsSpan(0, 7)));
        Assert.Equal(0, await Ufs.ReadAsync(path, data.Length, tail, default));
        Assert.Equal(0, await Ufs.ReadAsync(path, data.Length + 1000L, tail, default));
    }

    [Fact]
    public async Task ReadOfAnEmptyFileReturnsZero()
    {
        var path = UfsTestData.UniqueDirectory("empty") + "/f.bin";
        await UploadAsync(path, [], UfsTestData.MiB);

        Assert.Equal(0, await Ufs.ReadAsync(path, 0, new byte[10], default));
    }

    [Fact]
    public async Task ReadOfAMissingFileThrowsFileNotFound()
    {
        var path = UfsTestData.UniqueDirectory("missing") + "/f.bin";

        await Assert.ThrowsAsync<FileNotFoundException>(() => Ufs.ReadAsync(path, 0, new byte[10], default));
    }

    [Fact]
    public async Task StatOfAMissingFileOrADirectoryIsNull()
    {
        var dir = UfsTestData.UniqueDirectory("stat");
        await UploadAsync(dir + "/sub/f.bin", [1, 2, 3], 10);

        Assert.Null(await Ufs.StatAsync(dir + "/absent.bin", default));
        Assert.Null(await Ufs.StatAsync(dir + "/sub", default));
        Assert.NotNull(await Ufs.StatAsync(dir + "/sub/f.bin", default));
    }

    [Fact]
    public async Task MetadataRoundTrips()
    {
        var path = UfsTestData.UniqueDirectory("meta") + "/f.bin";
        var mtime = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1_234_567);
        var metadata = new UfsObjectMetadata(Convert.ToInt32("640", 8), 0, 0, mtime);

        var data = UfsTestData.Bytes(1000, 3);
        var info = await UploadAsync(path, data, 1000, metadata);
        var stat = await Ufs.StatAsync(path, default);

        Assert.NotNull(stat);
        Assert.NotNull(stat.Metadata);
        Assert.Equal(Convert.ToInt32("640", 8), stat.Metadata.Mode);
        Assert.Equal(mtime, stat.Metadata.ModifiedTime);
        Assert.Equal(mtime, stat.ModifiedTime);
        Assert.Equal(mtime, info.ModifiedTime);
        await AssertReadsBackAsync(path, data);
    }

    [Fact]
    public async Task ListReturnsImmediateFilesAndDirectories()
    {
        var dir = UfsTestData.UniqueDirectory("list");
        await UploadAsync(dir + "/a.bin", UfsTestData.Bytes(10, 1), 10);
        await UploadAsync(dir + "/b.bin", [], 10);
        await UploadAsync(dir + "/x/inner.bin", UfsTestData.Bytes(5, 2), 10);
        await UploadAsync(dir + "/y/z/deep.bin", UfsTestData.Bytes(5, 3), 10);
        await UploadAsync(dir + "-sibling/not-mine.bin", [], 10);

        var entries = await ListAsync(dir);

        Assert.Equal(["a.bin:file:10", "b.bin:file:0", "x:dir", "y:dir"], entries.Select(Describe).Order(StringComparer.Ordinal));
        Assert.All(entries.Where(e => !e.IsDirectory), e => Assert.NotNull(e.ModifiedTime));
        Assert.Equal(["deep.bin:file:5"], (await ListAsync(dir + "/y/z/")).Select(Describe));
        await AssertReadsBackAsync(dir + "/y/z/deep.bin", UfsTestData.Bytes(5, 3));
        Assert.Empty(await ListAsync(dir + "/absent"));
        Assert.Contains(await ListAsync(string.Empty), e => e.Name == dir && e.IsDirectory);
    }

    [Fact]
    public async Task ListReturnsEveryEntryOfALargeDirectory()
    {
        // Over 1,000 so that an S3 listing must follow continuation tokens.
        const int files = 1_100;
        var dir = UfsTestData.UniqueDirectory("many");
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => await UploadAsync($"{dir}/f{i:D5}", [], 1, ct: ct));
        await UploadAsync($"{dir}/d1/x", [], 1);
        await UploadAsync($"{dir}/zz/x", [], 1);

        var entries = await ListAsync(dir);

        Assert.Equal(files + 2, entries.Count);
        Assert.Equal(files + 2, entries.Select(e => e.Name).Distinct().Count());
        Assert.Equal(files, entries.Count(e => !e.IsDirectory && e.Name.StartsWith('f')));
        Assert.Equal(["d1", "zz"], entries.Where(e => e.IsDirectory).Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteRemovesAFileAndReportsWhetherOneExisted()
    {
        var path = UfsTestData.UniqueDirectory("delete") + "/f.bin";
        var data = UfsTestData.Bytes(100, 4);
        await UploadAsync(path, data, 100);
        await AssertReadsBackAsync(path, data);

        Assert.True(await Ufs.DeleteAsync(path, default));
        Assert.Null(await Ufs.StatAsync(path, default));
        Assert.False(await Ufs.DeleteAsync(path, default));
    }

    [Fact]
    public async Task RenameMovesContentAndMetadata()
    {
        var dir = UfsTestData.UniqueDirectory("rename");
        var data = UfsTestData.Bytes(2 * UfsTestData.MiB + 5, 5);
        var mtime = new DateTimeOffset(2023, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await UploadAsync(dir + "/from.bin", data, UfsTestData.MiB, new UfsObjectMetadata(Convert.ToInt32("600", 8), null, null, mtime));
        await UploadAsync(dir + "/other/to.bin", UfsTestData.Bytes(10, 6), 10);

        await Ufs.RenameAsync(dir + "/from.bin", dir + "/other/to.bin", default);

        Assert.Null(await Ufs.StatAsync(dir + "/from.bin", default));
        var stat = await Ufs.StatAsync(dir + "/other/to.bin", default);
        Assert.NotNull(stat);
        Assert.Equal(data.Length, stat.Size);
        Assert.Equal(Convert.ToInt32("600", 8), stat.Metadata?.Mode);
        Assert.Equal(mtime, stat.ModifiedTime);
        await AssertReadsBackAsync(dir + "/other/to.bin", data);
        await Assert.ThrowsAsync<FileNotFoundException>(() => Ufs.RenameAsync(dir + "/from.bin", dir + "/again.bin", default));
    }

    [Theory]
    [InlineData(UfsTestData.MiB)]
    [InlineData(10 * UfsTestData.MiB)]
    public async Task AbortedUploadLeavesNothingVisible(int written)
    {
        var dir = UfsTestData.UniqueDirectory("abort");
        var path = dir + "/f.bin";
        var upload = await Ufs.BeginUploadAsync(path, 20 * UfsTestData.MiB, UfsObjectMetadata.None, default);
        var data = UfsTestData.Bytes(written, 8);
        for (var offset = 0; offset < written; offset += UfsTestData.MiB)
        {
            await upload.WriteAsync(data.AsMemory(offset, UfsTestData.MiB), default);
        }

        await upload.AbortAsync();
        await upload.AbortAsync();

        Assert.Null(await Ufs.StatAsync(path, default));
        Assert.Empty(await ListAsync(dir));
        await AssertNothingLeftAsync(path);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => upload.WriteAsync(new byte[1], default));
    }

    [Fact]
    public async Task DisposingAnUncompletedUploadAbortsIt()
    {
        var dir = UfsTestData.UniqueDirectory("dispose");
        var path = dir + "/f.bin";
        await using (var upload = await Ufs.BeginUploadAsync(path, 100, UfsObjectMetadata.None, default))
        {
            await upload.WriteAsync(new byte[50], default);
        }

        Assert.Null(await Ufs.StatAsync(path, default));
        await AssertNothingLeftAsync(path);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(12 * UfsTestData.MiB)]
    public async Task CompletingWithFewerBytesThanDeclaredFailsAndStoresNothing(int written)
    {
        var path = UfsTestData.UniqueDirectory("short") + "/f.bin";
        var upload = await Ufs.BeginUploadAsync(path, written + 1L, UfsObjectMetadata.None, default);
        var data = UfsTestData.Bytes(written, 9);
        for (var offset = 0; offset < written; offset += UfsTestData.MiB)
        {
            await upload.WriteAsync(data.AsMemory(offset, Math.Min(UfsTestData.MiB, written - offset)), default);
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => upload.CompleteAsync(default));

        Assert.Null(await Ufs.StatAsync(path, default));
        await AssertNothingLeftAsync(path);
    }

    [Fact]
    public async Task WritingMoreThanDeclaredFails()
    {
        var path = UfsTestData.UniqueDirectory("long") + "/f.bin";
        var upload = await Ufs.BeginUploadAsync(path, 10, UfsObjectMetadata.None, default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => upload.WriteAsync(new byte[11], default));

        Assert.Null(await Ufs.StatAsync(path, default));
    }

    [Theory]
    [InlineData("../escape.bin")]
    [InlineData("a/../../escape.bin")]
    [InlineData("a/..")]
    [InlineData("/absolute.bin")]
    [InlineData("a//b.bin")]
    [InlineData("./a.bin")]
    public async Task PathsThatCouldEscapeTheRootAreRejected(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Ufs.BeginUploadAsync(path, 0, UfsObjectMetadata.None, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Ufs.StatAsync(path, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Ufs.ReadAsync(path, 0, new byte[1], default));
        await Assert.ThrowsAsync<ArgumentException>(() => Ufs.DeleteAsync(path, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Ufs.RenameAsync(path, "ok.bin", default));
        await Assert.ThrowsAsync<ArgumentException>(() => Ufs.RenameAsync("ok.bin", path, default));
        await Assert.ThrowsAsync<ArgumentException>(async () => await ListAsync(path));
    }

    /// <summary>Uploads <paramref name="data"/> in chunks of <paramref name="chunkSize"/> bytes, as the cache hands over pages.</summary>
    protected async Task<UfsObjectInfo> UploadAsync(string path, byte[] data, int chunkSize, UfsObjectMetadata? metadata = null, CancellationToken ct = default)
    {
        await using var upload = await Ufs.BeginUploadAsync(path, data.Length, metadata ?? UfsObjectMetadata.None, ct);
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            await upload.WriteAsync(data.AsMemory(offset, Math.Min(chunkSize, data.Length - offset)), ct);
        }

        return await upload.CompleteAsync(ct);
    }

    /// <summary>Asserts that the file at <paramref name="path"/> holds exactly <paramref name="data"/>, by SHA-256.</summary>
    protected async Task AssertReadsBackAsync(string path, byte[] data)
    {
        var read = await ReadAllAsync(path, data.Length);
        Assert.True(UfsTestData.Sha256(data) == UfsTestData.Sha256(read), $"content of '{path}' read back differs from the {data.Length} bytes written");
    }

    /// <summary>Reads a whole file back in several ranged reads of uneven size.</summary>
    protected async Task<byte[]> ReadAllAsync(string path, int size)
    {
        var result = new byte[size];
        var offset = 0;
        const int slice = 5 * UfsTestData.MiB + 3;
        while (offset < size)
        {
            var read = await Ufs.ReadAsync(path, offset, result.AsMemory(offset, Math.Min(slice, size - offset)), default);
            Assert.True(read > 0, $"read at offset {offset} of a {size}-byte file returned nothing");
            offset += read;
        }

        return result;
    }

    /// <summary>The listing of <paramref name="directory"/>.</summary>
    protected async Task<List<UfsEntry>> ListAsync(string directory)
    {
        var entries = new List<UfsEntry>();
        await foreach (var entry in Ufs.ListAsync(directory, default))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static string Describe(UfsEntry e) => e.IsDirectory ? $"{e.Name}:dir" : $"{e.Name}:file:{e.Size}";
}
