using System.Collections.Concurrent;
using System.Diagnostics;

namespace EventBridge.Testing;

/// <summary>
/// A process the tests start (the worker, the Node gateway): output kept for failure messages, the whole tree killed
/// on dispose so nothing outlives the fixture.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 300;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM, as systemd, Docker and Kubernetes stop a service; the process runs its shutdown.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    private async Task SignalAsync(string signal)
    {
        var (exitCode, output) = await Command.RunAsync("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Environment.CurrentDirectory, TimeSpan.FromSeconds(10));
        if (exitCode != 0) throw new InvalidOperationException($"kill -{signal} {_process.Id} failed: {output}");
    }

    /// <summary>SIGSTOP: the process freezes (no thread runs, its sockets stay open), as on a partitioned or paused host.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: a frozen process runs on, its clocks jumped.</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(bound.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data is null ? null : "[stderr] " + e.Data);
        if (!process.Start()) throw new InvalidOperationException($"Could not start {name} ({fileName}).");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string Output()
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"running, pid {_process.Id}";
        return $"--- {Name} ({state}), last {KeptLines} lines ---{Environment.NewLine}{string.Join(Environment.NewLine, _output)}";
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown runs. Its output and exit code stay readable.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
    }
}
