using System.Net.Http;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Silo;

/// <summary>
/// One real silo holding a file in each interesting state: <c>/view/done.bin</c> PERSISTED (WRITE_THROUGH),
/// <c>/view/scratch/tmp.bin</c> TRANSIENT, and <c>/s3/stuck.bin</c> NOT_PERSISTED and failing (WRITE_BACK to an S3 endpoint
/// nobody listens on). Shared by the view and metrics tests.
/// </summary>
public sealed class ViewSiloFixture : IAsyncLifetime
{
    /// <summary>Sizes of the files written.</summary>
    public const int DoneSize = 2_500_000;

    /// <inheritdoc cref="DoneSize"/>
    public const int TransientSize = 70_000;

    /// <inheritdoc cref="DoneSize"/>
    /// <remarks>Larger than <c>WriteCache:InlineFileBytes</c>, so its pages are pinned on the page store, not held inline.</remarks>
    public const int StuckSize = 100_000;

    private readonly TempDirectory root = new("wcache-view");

    /// <summary>The silo.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>A client of the silo's web host.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(
            root.Path,
            "--Ufs:Mounts:1:Prefix=/s3",
            "--Ufs:Mounts:1:Location=s3://nobody/here",
            $"--S3:ServiceUrl=http://127.0.0.1:{FreePort.Next()}",
            "--S3:AccessKey=S3RVER",
            "--S3:SecretKey=S3RVER",
            "--Persistence:RetryInitialInterval=00:00:30");
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Silo.AdminPort}") };
        await using var connection = await ClusterClientHost.ConnectAsync(Silo.GatewayPort);
        var client = connection.Client;
        var policies = client.GetGrain<Policies.IPolicyGrain>(Policies.IPolicyGrain.ClusterKey);
        Assert.True((await client.GetGrain<Directories.IDirectoryGrain>("/").MakeDirectory("view", 493)).IsOk);
        Assert.True((await client.GetGrain<Directories.IDirectoryGrain>("/view").MakeDirectory("scratch", 493)).IsOk);
        Assert.True((await client.GetGrain<Directories.IDirectoryGrain>("/").MakeDirectory("s3", 493)).IsOk);
        Assert.True((await policies.Set("/view/scratch", Policies.WritePolicy.Transient)).IsOk);
        Assert.True((await policies.Set("/s3", Policies.WritePolicy.WriteBack)).IsOk);
        Assert.True((await CacheFiles.WriteAsync(client, "/view/done.bin", TestData.Bytes(DoneSize, seed: 500))).IsOk);
        Assert.True((await CacheFiles.WriteAsync(client, "/view/scratch/tmp.bin", TestData.Bytes(TransientSize, seed: 501))).IsOk);
        Assert.True((await CacheFiles.WriteAsync(client, "/s3/stuck.bin", TestData.Bytes(StuckSize, seed: 502))).IsOk);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Silo.DisposeAsync();
        root.Dispose();
    }
}
