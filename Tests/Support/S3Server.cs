namespace WriteCache.Tests.Support;

/// <summary>A private s3rver on its own loopback port (scripts/s3rver.sh), which a test can stop and start again to make the S3 endpoint go away and come back.</summary>
public sealed class S3Server : IAsyncDisposable
{
    private readonly TempDirectory directory = new("wcache-s3rver");

    private S3Server(int port) => Port = port;

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The endpoint URL.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Installs (first time) and starts the server.</summary>
    public static async Task<S3Server> StartAsync()
    {
        var server = new S3Server(FreePort.Next());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server on the same port and data as before.</summary>
    public async Task StartAgainAsync() =>
        (await Shell.RunAsync("bash", [Script, "start", directory.Path, Port.ToString()], 180)).Ok("starting s3rver");

    /// <summary>Stops the server; its data stays for the next start.</summary>
    public async Task StopAsync() =>
        (await Shell.RunAsync("bash", [Script, "stop", directory.Path], 60)).Ok("stopping s3rver");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Shell.RunAsync("bash", [Script, "stop", directory.Path], 60);
        directory.Dispose();
    }

    private static string Script => Path.Combine(RepositoryRoot.Path, "scripts", "s3rver.sh");
}
