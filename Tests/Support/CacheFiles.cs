using WriteCache.Client;
using WriteCache.Files;

namespace WriteCache.Tests.Support;

/// <summary>Whole-file writes and reads through the client data path, as the gateway does them.</summary>
public static class CacheFiles
{
    /// <summary>Creates <paramref name="path"/>, writes <paramref name="content"/> in <paramref name="chunk"/>-byte writes and commits it.</summary>
    public static async Task<CacheResult<FileDetails>> WriteAsync(IGrainFactory grains, string path, byte[] content, int chunk = 1024 * 1024)
    {
        var created = await CacheFileWriter.CreateAsync(grains, path, new CreateRequest());
        if (!created.IsOk)
        {
            return CacheResult<FileDetails>.Fail(created.Error, created.Message);
        }

        await using var writer = created.Value!;
        for (var offset = 0; offset < content.Length; offset += chunk)
        {
            var written = await writer.WriteAsync(offset, content.AsMemory(offset, Math.Min(chunk, content.Length - offset)));
            if (!written.IsOk)
            {
                return CacheResult<FileDetails>.Fail(written.Error, written.Message);
            }
        }

        return await writer.CommitAsync();
    }

    /// <summary>Reads all of <paramref name="path"/> in <paramref name="chunk"/>-byte reads.</summary>
    public static async Task<byte[]> ReadAllAsync(IGrainFactory grains, string path, int chunk = 1024 * 1024)
    {
        using var reader = (await CacheFileReader.OpenAsync(grains, path)).GetValueOrThrow();
        var content = new byte[reader.Details.Size];
        var offset = 0;
        while (offset < content.Length)
        {
            var read = (await reader.ReadAsync(offset, content.AsMemory(offset, Math.Min(chunk, content.Length - offset)))).GetValueOrThrow();
            Assert.True(read > 0, $"read of '{path}' at {offset} returned nothing before the end ({content.Length})");
            offset += read;
        }

        return content;
    }
}
