using System.Net.Http;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.Silo;

/// <summary>One real silo with <c>Admin:Token</c> set and one file written, shared by the token tests (a silo takes seconds to start).</summary>
public sealed class TokenSiloFixture : IAsyncLifetime
{
    /// <summary>The configured token.</summary>
    public const string Token = "test-token-0123456789abcdef";

    /// <summary>A file written before the tests run.</summary>
    public const string FilePath = "/token-probe.bin";

    private readonly TempDirectory root = new("wcache-admin-token");

    /// <summary>The silo.</summary>
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>A client of the silo's web host.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(root.Path, $"--Admin:Token={Token}");
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Silo.AdminPort}") };
        await using var connection = await ClusterClientHost.ConnectAsync(Silo.GatewayPort);
        Assert.True((await CacheFiles.WriteAsync(connection.Client, FilePath, TestData.Bytes(10_000, seed: 400))).IsOk);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Silo.DisposeAsync();
        root.Dispose();
    }
}
