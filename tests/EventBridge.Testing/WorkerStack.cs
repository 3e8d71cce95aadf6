namespace EventBridge.Testing;

/// <summary>
/// Real worker processes on a broker vhost of their own, each with its own port and files in one folder, started and
/// torn down as one (the test helpers that run the worker as a process share this, instead of each copying it).
/// One worker without Genesys credentials runs its embedded simulator at <see cref="SimulatorUrl"/>; several workers
/// need one Genesys between them, so they must be given one (<c>Genesys__ApiBaseUrl</c> and credentials).
/// </summary>
public sealed class WorkerStack : IAsyncDisposable
{
    private readonly List<ChildProcess> _workers = [];
    private readonly List<(string Name, int Port, Dictionary<string, string?> Environment)> _starts = [];
    private IsolatedVhost? _vhost;

    private WorkerStack(string folder) => Folder = folder;

    /// <summary>The workers' own folder: their databases and a home directory, <c>home</c>, so the runner's stays untouched.</summary>
    public string Folder { get; }

    /// <summary>The workers' broker (their vhost): where a Node gateway publishes raw JSON.</summary>
    public Uri BrokerUri => _vhost!.Uri;

    /// <summary>The embedded simulator of a single worker without credentials (its /sim control API has no auth).</summary>
    public Uri SimulatorUrl { get; private set; } = null!;

    public IReadOnlyList<Uri> WorkerUrls { get; private set; } = [];

    public Uri WorkerUrl => WorkerUrls[0];

    public IReadOnlyList<ChildProcess> Workers => _workers;

    /// <param name="purpose">Names the vhost, the folder and the processes in the output.</param>
    /// <param name="settings">Environment for every worker (<c>Section__Key</c>); wins over the stack's own.</param>
    /// <param name="workers">How many worker processes; all ready before this returns.</param>
    public static async Task<WorkerStack> StartAsync(string purpose, IReadOnlyDictionary<string, string?>? settings = null, int workers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        settings ??= new Dictionary<string, string?>();
        if (workers > 1 && !settings.ContainsKey("Genesys__ApiBaseUrl"))
            throw new ArgumentException("Several workers need one Genesys between them: pass Genesys__ApiBaseUrl (and credentials) of a shared simulator.", nameof(settings));
        var stack = new WorkerStack(Directory.CreateTempSubdirectory($"eventbridge-{purpose}-").FullName);
        try
        {
            await stack.StartCoreAsync(purpose, settings, workers);
            return stack;
        }
        catch
        {
            await TestContext.Progress.WriteLineAsync(stack.Output());
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts worker <paramref name="worker"/> again, on its port and settings, once the previous process has exited
    /// (killed, or stopped by itself), and waits until it is ready. The previous process's output is kept in the new one's name.
    /// </summary>
    public async Task RestartAsync(int worker)
    {
        var previous = _workers[worker];
        if (!previous.HasExited) throw new InvalidOperationException($"{previous.Name} still runs: stop or kill it first.");
        var (name, port, environment) = _starts[worker];
        var again = WorkerProcess.Start($"{name}-again", port, environment);
        _workers[worker] = again;
        previous.Dispose();
        await WorkerProcess.WaitReadyAsync(again, port);
    }

    /// <summary>Everything the workers wrote (the latest lines), for failure messages.</summary>
    public string Output() => _workers.Count == 0 ? "(worker not started)" : string.Join(Environment.NewLine, _workers.Select(w => w.Output()));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers) worker.Dispose();
        if (_vhost is not null) await _vhost.DeleteAsync();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    private async Task StartCoreAsync(string purpose, IReadOnlyDictionary<string, string?> settings, int workers)
    {
        _vhost = await IsolatedVhost.CreateAsync(purpose);
        SimulatorUrl = new Uri($"http://127.0.0.1:{WorkerProcess.FreePort()}");
        var home = Directory.CreateDirectory(Path.Combine(Folder, "home")).FullName;
        var ports = new List<int>();
        for (var i = 0; i < workers; i++)
        {
            var port = WorkerProcess.FreePort();
            var environment = new Dictionary<string, string?>
            {
                ["RabbitMq__Uri"] = _vhost.Uri.ToString(),
                ["EmbeddedSimulator__Url"] = SimulatorUrl.ToString().TrimEnd('/'),
                ["IntentStore__Path"] = Path.Combine(Folder, $"intents-{i}.db"),
                ["DeadLetters__Path"] = Path.Combine(Folder, $"dead-letters-{i}.db"),
                ["HOME"] = home,
            };
            foreach (var (key, value) in settings) environment[key] = value;
            var name = workers == 1 ? "worker" : $"worker-{i + 1}";
            _starts.Add((name, port, environment));
            _workers.Add(WorkerProcess.Start(name, port, environment));
            ports.Add(port);
        }

        WorkerUrls = [.. ports.Select(p => new Uri($"http://127.0.0.1:{p}/"))];
        await Task.WhenAll(_workers.Select((worker, i) => WorkerProcess.WaitReadyAsync(worker, ports[i])));
    }
}
