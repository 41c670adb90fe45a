using System.Net.Http;
using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>A real gateway (<c>wcache mount</c>) with <c>Fuse:MetricsUrls</c> set serves the latency of each kernel request, by opcode, at <c>/metrics</c>.</summary>
public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task TheMetricsEndpointShowsPerOperationLatencyAfterFilesAreWritten()
    {
        var port = FreePort.Next();
        await using var cache = await MountedCache.StartAsync($"--Fuse:MetricsUrls=http://127.0.0.1:{port}");
        var written = await Shell.BashAsync($"head -c 3000000 /dev/urandom > {cache.Mount}/metered.bin && ls -l {cache.Mount} >/dev/null", 120);
        written.Ok("writing through the mount");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var text = await http.GetStringAsync("/metrics");

        Assert.Contains("# TYPE writecache_fuse_operation_duration_seconds histogram", text);
        foreach (var opcode in new[] { "CREATE", "WRITE", "RELEASE", "LOOKUP" })
        {
            Assert.Contains(text.Split('\n'), line => line.StartsWith("writecache_fuse_operation_duration_seconds_count{", StringComparison.Ordinal) && line.Contains($"opcode=\"{opcode}\"", StringComparison.Ordinal));
        }
    }
}
