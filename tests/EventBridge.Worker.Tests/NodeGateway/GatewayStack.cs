using System.Diagnostics;

namespace EventBridge.Worker.Tests.NodeGateway;

/// <summary>
/// The real thing, as separate processes: the EventBridge worker (with its embedded Genesys simulator) and the
/// Node GraphQL gateway of examples/node-gateway, on a vhost of their own of the suite's RabbitMQ.
/// </summary>
public sealed class GatewayStack : IAsyncDisposable
{

    private readonly List<ChildProcess> _processes = [];
    private readonly List<string> _timings = [];
    private WorkerStack? _workers;

    public Uri SimulatorUrl => _workers!.SimulatorUrl;

    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>How long each start-up step took, for the report.</summary>
    public IReadOnlyList<string> Timings => _timings;

    public static async Task<GatewayStack> StartAsync()
    {
        var stack = new GatewayStack();
        try
        {
            await stack.StartCoreAsync();
            return stack;
        }
        catch
        {
            await TestContext.Progress.WriteLineAsync(stack.Output());
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Everything the processes wrote (the latest lines), to put in failure messages.</summary>
    public string Output() => string.Join(Environment.NewLine, [_workers?.Output() ?? "", .. _processes.Select(p => p.Output())]);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes)) process.Dispose();
        _processes.Clear();
        if (_workers is not null) await _workers.DisposeAsync();
    }

    private async Task StartCoreAsync()
    {
        var repo = WorkerProcess.RepositoryRoot();
        var gatewayDirectory = Path.Combine(repo, "examples", "node-gateway");
        await Step("node and npm ci", () => NodePackages.EnsureInstalledAsync(gatewayDirectory));
        // Ready: the bus (so the intake queue and its consumer) is up and the notification socket is open.
        _workers = await Step("worker ready", () => WorkerStack.StartAsync("nodegw"));

        var gatewayPort = WorkerProcess.FreePort();
        GatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}");
        var gateway = Track(ChildProcess.Start("node-gateway", "node", ["src/server.js"], gatewayDirectory, new Dictionary<string, string?>
        {
            ["AMQP_URL"] = _workers.BrokerUri.ToString(),
            ["PORT"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OUTCOME_TIMEOUT_MS"] = "30000",
        }));
        await Step("gateway live", () => WorkerProcess.WaitForHttpAsync(gateway, new Uri(GatewayUrl, "/health")));
    }

    private async Task<T> Step<T>(string name, Func<Task<T>> step)
    {
        var watch = Stopwatch.StartNew();
        var result = await step();
        _timings.Add($"{name}: {watch.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    private async Task Step(string name, Func<Task> step) => await Step(name, async () => { await step(); return true; });

    private ChildProcess Track(ChildProcess process)
    {
        _processes.Add(process);
        return process;
    }

}
