using System.Diagnostics;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>Runs a child process with a deadline; on timeout the whole process tree is killed and the test fails.</summary>
internal static class ProcessRunner
{
    // Axios (inside the SDK) honours proxy variables; a CI proxy must not sit between the SDK and 127.0.0.1.
    private static readonly string[] ProxyVariables = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"];

    public static async Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, bool withoutProxy = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        if (withoutProxy)
        {
            foreach (var name in ProxyVariables)
                info.Environment.Remove(name);
            info.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{fileName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s in {workingDirectory}; it was killed.");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }

    /// <summary>The full path of <paramref name="command"/> on PATH (with Windows extensions), or null.</summary>
    public static string? FindOnPath(string command)
    {
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", "" } : [""];
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories
            .SelectMany(dir => extensions.Select(ext => Path.Combine(dir, command + ext)))
            .FirstOrDefault(File.Exists);
    }
}
