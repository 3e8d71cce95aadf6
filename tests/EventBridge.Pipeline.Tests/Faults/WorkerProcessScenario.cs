using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Tests.Support;
using MassTransit;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// What the worker-process rows (SIGKILL, SIGTERM) share: the real worker binary on its own defaults against the
/// simulator, a store file that outlives the process, and a caller that collects outcomes from the broker.
/// </summary>
internal sealed class WorkerProcessScenario : IWorkerLoadTarget, IAsyncDisposable
{
    private readonly IsolatedVhost _vhost;
    private readonly OutcomeCaller _caller;

    private WorkerProcessScenario(IsolatedVhost vhost, GenesysSimulator sim, string database, OutcomeCaller caller)
    {
        _vhost = vhost;
        Sim = sim;
        Database = database;
        _caller = caller;
    }

    public GenesysSimulator Sim { get; }

    public string Database { get; }

    public OutcomeCollector Outcomes => _caller.Outcomes;

    public IBus Bus => _caller.Bus;

    public int Port { get; } = WorkerProcess.FreePort();

    public static async Task<WorkerProcessScenario> StartAsync(string name, int seed)
    {
        var vhost = await IsolatedVhost.CreateAsync(name);
        var simulatorOptions = FaultLoad.Simulator(seed);
        simulatorOptions.DisconnectDelay = TimeSpan.FromMilliseconds(300);
        var sim = await GenesysSimulator.StartAsync(simulatorOptions);
        var database = Path.Combine(Path.GetTempPath(), $"eventbridge-{name}-{Guid.NewGuid():N}.db");
        var caller = await OutcomeCaller.StartAsync(vhost.Uri, name);
        return new WorkerProcessScenario(vhost, sim, database, caller);
    }

    /// <summary>The worker process on its own defaults (budget, reconciliation), as the other rows run.</summary>
    public ChildProcess StartWorker(string name) => WorkerProcess.Start(name, Port, new Dictionary<string, string?>
    {
        ["RabbitMq__Uri"] = _vhost.Uri.ToString(),
        ["Genesys__ApiBaseUrl"] = Sim.BaseUri.ToString(),
        ["Genesys__ClientId"] = OAuthClientOptions.DemoClientId,
        ["Genesys__ClientSecret"] = OAuthClientOptions.DemoClientSecret,
        ["IntentStore__Path"] = Database,
        ["WrapUp__QueueIds__0"] = SeedData.DemoQueueId,
    });

    public async ValueTask DisposeAsync()
    {
        await _caller.DisposeAsync();
        await _vhost.DeleteAsync();
        await Sim.DisposeAsync();
        foreach (var file in new[] { Database, Database + "-wal", Database + "-shm" }) File.Delete(file);
    }
}
