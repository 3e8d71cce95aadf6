using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Tests.Faults;
using EventBridge.Pipeline.Tests.Storage;
using MassTransit;

namespace EventBridge.Pipeline.Tests.Cluster;

/// <summary>
/// A cluster as a contact centre would run one: worker processes on one PostgreSQL store and one broker vhost (they
/// compete for the same queues), the simulator at Genesys's real rate limit, each worker on its own defaults (budget,
/// reconciliation, listener lease), and a caller that publishes intents and collects outcomes.
/// </summary>
internal sealed class ClusterScenario : IWorkerLoadTarget, IAsyncDisposable
{
    // Short: a frozen worker must not slow the take-over measurement down by more than this.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly PostgresTestDatabase _database;
    private readonly WorkerStack _stack;
    private readonly OutcomeCaller _caller;

    private ClusterScenario(PostgresTestDatabase database, GenesysSimulator sim, WorkerStack stack, OutcomeCaller caller)
    {
        _database = database;
        Sim = sim;
        _stack = stack;
        _caller = caller;
    }

    public GenesysSimulator Sim { get; }

    public IBus Bus => _caller.Bus;

    public OutcomeCollector Outcomes => _caller.Outcomes;

    public PostgresTestDatabase Database => _database;

    public static async Task<ClusterScenario> StartAsync(string name, int seed, int workers)
    {
        var database = new PostgresTestDatabase();
        var simulatorOptions = FaultLoad.Simulator(seed);
        simulatorOptions.DisconnectDelay = TimeSpan.FromMilliseconds(300);
        var sim = await GenesysSimulator.StartAsync(simulatorOptions);
        var stack = await WorkerStack.StartAsync(name, ReplicaSettings(sim, database.ConnectionString), workers);
        var caller = await OutcomeCaller.StartAsync(stack.BrokerUri, name);
        return new ClusterScenario(database, sim, stack, caller);
    }

    /// <summary>A replica's settings (environment-variable names): the simulator as its Genesys, the shared PostgreSQL store.</summary>
    public static Dictionary<string, string?> ReplicaSettings(GenesysSimulator sim, string connectionString) => new()
    {
        ["Genesys__ApiBaseUrl"] = sim.BaseUri.ToString(),
        ["Genesys__ClientId"] = OAuthClientOptions.DemoClientId,
        ["Genesys__ClientSecret"] = OAuthClientOptions.DemoClientSecret,
        ["IntentStore__Provider"] = "Postgres",
        ["IntentStore__ConnectionString"] = connectionString,
        ["WrapUp__QueueIds__0"] = SeedData.DemoQueueId,
    };

    /// <summary>Answers 429 Genesys gave so far: the replicas share one budget, so there must be none.</summary>
    public int TooManyRequests() => Sim.Control.ReadOracle().RefusedCalls.Count(c => c.Status == 429);

    /// <summary>What each running worker reports on <c>/health/ready</c> (role Holder or StandBy, its replica name); null for a dead one.</summary>
    public async Task<IReadOnlyList<ReplicaRole?>> RolesAsync() =>
        await Task.WhenAll(Enumerable.Range(0, _stack.Workers.Count).Select(RoleAsync));

    private async Task<ReplicaRole?> RoleAsync(int worker)
    {
        if (_stack.Workers[worker].HasExited) return null;
        try
        {
            using var response = await Http.GetAsync(new Uri(_stack.WorkerUrls[worker], "health/ready"));
            var listener = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listener");
            return new ReplicaRole(listener.GetProperty("role").GetString()!, listener.GetProperty("replica").GetString()!);
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or TaskCanceledException)
        {
            // Frozen or stopping: no answer.
            return null;
        }
    }

    /// <summary>The index of the worker that holds the listener lease, once exactly one does (asked every quarter second).</summary>
    public async Task<int> HolderAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var roles = await RolesAsync();
            if (roles.Count(r => r?.Role == "Holder") == 1) return IndexOf(roles, "Holder");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No single lease holder within {within.TotalSeconds:0} s; roles: {string.Join(", ", roles.Select(r => r?.Role ?? "no answer"))}");
            await Task.Delay(250);
        }
    }

    public IReadOnlyList<ChildProcess> Workers => _stack.Workers;

    /// <summary>SIGKILL: no shutdown runs, a held lease is not released.</summary>
    public void Kill(int worker) => _stack.Workers[worker].Kill();

    /// <summary>Starts a killed (or exited) worker again on its port and settings; returns once it is ready.</summary>
    public Task RestartAsync(int worker) => _stack.RestartAsync(worker);

    /// <summary>The worker whose replica name is <paramref name="replica"/> (as written on claims), or -1.</summary>
    public async Task<int> WorkerNamedAsync(string replica)
    {
        var roles = await RolesAsync();
        for (var i = 0; i < roles.Count; i++)
            if (roles[i]?.Replica == replica)
                return i;
        return -1;
    }

    public string Output() => _stack.Output();

    public async ValueTask DisposeAsync()
    {
        await _caller.DisposeAsync();
        await _stack.DisposeAsync();
        await Sim.DisposeAsync();
        _database.Dispose();
    }

    private static int IndexOf(IReadOnlyList<ReplicaRole?> roles, string role)
    {
        for (var i = 0; i < roles.Count; i++)
            if (roles[i]?.Role == role)
                return i;
        return -1;
    }
}

/// <param name="Role">Sole, Holder or StandBy.</param>
/// <param name="Replica">The name the replica writes on its claims.</param>
internal sealed record ReplicaRole(string Role, string Replica);
