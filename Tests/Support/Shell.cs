using System.Diagnostics;

namespace WriteCache.Tests.Support;

/// <summary>Runs real programs (bash, python3, cp, sha256sum) against the mount, as a user would; every run is bounded in time.</summary>
public static class Shell
{
    /// <summary>The outcome of one command.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Throws with the command's output unless it exited 0.</summary>
        public Result Ok(string what)
        {
            Assert.True(ExitCode == 0, $"{what} exited {ExitCode}: {Stderr}{Stdout}");
            return this;
        }
    }

    /// <summary>Runs <paramref name="script"/> with bash -c, within <paramref name="timeoutSeconds"/>.</summary>
    public static Task<Result> BashAsync(string script, int timeoutSeconds = 300) => RunAsync("bash", ["-c", script], timeoutSeconds);

    /// <summary>Runs a Python 3 program given as text.</summary>
    public static Task<Result> PythonAsync(string program, int timeoutSeconds = 120) => RunAsync("python3", ["-c", program], timeoutSeconds);

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; kills it when it runs past the timeout.</summary>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, int timeoutSeconds = 300)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeoutSeconds} s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
