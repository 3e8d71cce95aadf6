using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Pipeline.Tests.Support;
using MassTransit;

namespace EventBridge.Pipeline.Tests.Cluster;

/// <summary>
/// One real worker process on a shared PostgreSQL store, with a broker vhost of its own and a caller that publishes to
/// it and collects its outcomes. Replicas on separate vhosts each receive what their caller publishes, which is how a
/// test gives two workers the same intent at once.
/// </summary>
internal sealed class ClusterReplica : IAsyncDisposable
{
    private readonly IsolatedVhost _vhost;
    private readonly OutcomeCaller _caller;
    private readonly ChildProcess _worker;

    private ClusterReplica(IsolatedVhost vhost, OutcomeCaller caller, ChildProcess worker, int port)
    {
        _vhost = vhost;
        _caller = caller;
        _worker = worker;
        Port = port;
    }

    public OutcomeCollector Outcomes => _caller.Outcomes;

    public int Port { get; }

    /// <summary>The replica's own broker vhost.</summary>
    public string VhostName => _vhost.Name!;

    public Uri VhostUri => _vhost.Uri;

    /// <param name="settings">More worker settings (environment-variable names), over the replica's own.</param>
    public static async Task<ClusterReplica> StartAsync(string name, GenesysSimulator sim, string connectionString,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var vhost = await IsolatedVhost.CreateAsync(name);
        var caller = await OutcomeCaller.StartAsync(vhost.Uri, name);
        var port = WorkerProcess.FreePort();
        var environment = ClusterScenario.ReplicaSettings(sim, connectionString);
        environment["RabbitMq__Uri"] = vhost.Uri.ToString();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) environment[key] = value;
        var worker = WorkerProcess.Start(name, port, environment);
        return new ClusterReplica(vhost, caller, worker, port);
    }

    public Task WaitReadyAsync() => WorkerProcess.WaitReadyAsync(_worker, Port);

    public Task PublishAsync(WrapUpIntent intent) => _caller.Bus.Publish(intent);

    public string Output() => _worker.Output();

    public async ValueTask DisposeAsync()
    {
        _worker.Dispose();
        await _caller.DisposeAsync();
        await _vhost.DeleteAsync();
    }
}
