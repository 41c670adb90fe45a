using System.Diagnostics;
using System.Text;

namespace WriteCache.Tests.Support;

/// <summary>A long-running process of ours (a silo or a gateway) started by a test; its output is kept for failure messages.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServiceProcess(Process process) => this.process = process;

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private bool disposed;

    /// <summary>The last <paramref name="count"/> lines that report a warning or an error, for failure messages.</summary>
    public string ProblemLines(int count = 60)
    {
        string[] markers = ["warn:", "fail:", "crit:", "Exception", "error"];
        var lines = Output.Split('\n').Where(line => markers.Any(m => line.Contains(m, StringComparison.OrdinalIgnoreCase)));
        return string.Join('\n', lines.TakeLast(count));
    }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => disposed || process.HasExited;

    /// <summary>Starts <c>dotnet ASSEMBLY ARGS</c> from the test's output folder.</summary>
    public static ServiceProcess Start(string assembly, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var service = new ServiceProcess(Process.Start(start)!);
        service.process.OutputDataReceived += (_, e) => service.Append(e.Data);
        service.process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        service.process.BeginOutputReadLine();
        service.process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits (bounded) until the output contains <paramref name="text"/>; false if the process ends first or time runs out.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return Output.Contains(text, StringComparison.Ordinal);
    }

    /// <summary>SIGKILL, as a crash.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then SIGKILL if it has not ended within 20 s. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (disposed || process.HasExited)
        {
            return;
        }

        await Shell.RunAsync("kill", ["-TERM", process.Id.ToString()], 10);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        // Let the asynchronous output readers drain what the process printed last.
        await process.WaitForExitAsync();
    }

    /// <summary>Stops the process (see <see cref="StopAsync"/>) and releases it. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        await StopAsync();
        disposed = true;
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
