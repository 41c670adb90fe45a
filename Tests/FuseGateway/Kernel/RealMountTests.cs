using System.Diagnostics;
using WriteCache.FuseGateway.Kernel;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Mounts <see cref="HelloFileSystem"/> for real and uses it through ordinary file APIs from this very process.</summary>
/// <remarks>
/// Touching our own mount is safe only because the readers are dedicated threads and the handlers never block;
/// a deadlock here means one of those promises was broken.
/// </remarks>
[Collection(nameof(RealMountCollection))]
public sealed class RealMountTests : IAsyncLifetime
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly string _mountPoint = Directory.CreateTempSubdirectory("fuse-kernel-test-").FullName;
    private readonly List<FuseServer> _servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            try
            {
                await server.StopAsync(StopTimeout);
            }
            catch (Exception)
            {
                // Fall through to the lazy unmount below.
            }
        }

        try
        {
            FuseMount.RemoveStaleMount(_mountPoint);
        }
        catch (Exception)
        {
            using var umount = Process.Start("umount", ["-l", _mountPoint]);
            await umount.WaitForExitAsync();
        }

        try
        {
            Directory.Delete(_mountPoint);
        }
        catch (IOException)
        {
            // Still busy: the temp folder is swept later; the mount itself is gone.
        }
    }

    [Fact]
    public async Task MountedFileCanBeReadAndListedThenUnmounted()
    {
        var server = await StartAsync(new HelloFileSystem());

        string text = await File.ReadAllTextAsync(Path.Combine(_mountPoint, "hello"));
        string[] entries = Directory.GetFileSystemEntries(_mountPoint);

        Assert.Equal("Hello from our own FUSE server\n", text);
        Assert.Equal([Path.Combine(_mountPoint, "hello"), Path.Combine(_mountPoint, "sink")], entries.Order());
        Assert.NotNull(MountInfo.FindFuse(_mountPoint));

        await server.StopAsync(StopTimeout);

        Assert.True(server.Completion.IsCompletedSuccessfully, "the readers should have stopped with ENODEV");
        Assert.Null(MountInfo.FindFuse(_mountPoint));
        Assert.False(File.Exists(Path.Combine(_mountPoint, "hello")));
    }

    [Fact]
    public async Task OneMebibyteWritesArriveAsSingleRequests()
    {
        var fs = new HelloFileSystem();
        await StartAsync(fs);
        byte[] block = new byte[1 << 20];
        Random.Shared.NextBytes(block);

        await using (var stream = new FileStream(Path.Combine(_mountPoint, "sink"), FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            for (int i = 0; i < 4; i++)
            {
                await stream.WriteAsync(block);
            }
        }

        Assert.Equal(1 << 20, fs.LargestWrite);
        Assert.Equal(4L << 20, fs.SinkSize);
    }

    [Fact]
    public async Task MountingThroughFusermountWorksToo()
    {
        var server = await StartAsync(new HelloFileSystem(), new FuseMountOptions { UseFusermount = true });

        string text = await File.ReadAllTextAsync(Path.Combine(_mountPoint, "hello"));

        Assert.True(server.Mount.UsesFusermount);
        Assert.Equal("Hello from our own FUSE server\n", text);
        await server.StopAsync(StopTimeout);
        Assert.Null(MountInfo.FindFuse(_mountPoint));
    }

    [Fact]
    public async Task StaleMountOfACrashedServerIsReplacedByTheNextOne()
    {
        var crashed = await StartAsync(new HelloFileSystem());
        Assert.Equal("Hello from our own FUSE server\n", await File.ReadAllTextAsync(Path.Combine(_mountPoint, "hello")));

        await crashed.KillAsync();

        var error = Assert.ThrowsAny<IOException>(() => File.ReadAllText(Path.Combine(_mountPoint, "hello")));
        Assert.Contains("not connected", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(MountInfo.FindFuse(_mountPoint));

        var replacement = await StartAsync(new HelloFileSystem());

        Assert.True(crashed.Completion.IsCompletedSuccessfully, "the crashed server's readers should have seen ENODEV");
        Assert.Equal("Hello from our own FUSE server\n", await File.ReadAllTextAsync(Path.Combine(_mountPoint, "hello")));
        await replacement.StopAsync(StopTimeout);
        Assert.Null(MountInfo.FindFuse(_mountPoint));
    }

    private async Task<FuseServer> StartAsync(IFuseFileSystem fileSystem, FuseMountOptions? mountOptions = null)
    {
        var server = await FuseServer.StartAsync(
            _mountPoint,
            fileSystem,
            mountOptions ?? new FuseMountOptions { FsName = "kerneltest", Subtype = "kerneltest" },
            new FuseConnectionOptions { ReaderThreads = 2 });
        _servers.Add(server);
        return server;
    }
}
