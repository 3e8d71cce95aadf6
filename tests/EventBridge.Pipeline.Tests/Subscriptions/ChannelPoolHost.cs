using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Reconciling;
using EventBridge.Pipeline.Subscriptions;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>
/// The worker as it runs (<see cref="PipelineHost"/>, the one composition root) seen through its channel pool: these
/// tests hold no intents, so every notification-channel call in the oracle is the pool's own.
/// </summary>
public sealed class ChannelPoolHost : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, string?> FastRecovery = new()
    {
        ["Subscriptions:ReconnectBaseDelay"] = "00:00:00.100",
        ["Subscriptions:ReconnectMaxDelay"] = "00:00:00.500",
    };

    private readonly PipelineHost _worker;

    private ChannelPoolHost(PipelineHost worker) => _worker = worker;

    public GenesysSimulator Simulator => _worker.Simulator;

    public ChannelPool Pool => _worker.Services.GetRequiredService<ChannelPool>();

    public ReconcileSignal Reconcile => _worker.Services.GetRequiredService<ReconcileSignal>();

    public SubscriptionHealth Health => Pool.GetHealth();

    /// <summary>Fast settings: 100–500 ms reconnect backoff; <paramref name="settings"/> override them.</summary>
    /// <param name="share">The pool's share of <c>MaxChannels</c> (a cluster's lease holder takes half); the whole by default.</param>
    public static async Task<ChannelPoolHost> StartAsync(
        SimulatorOptions? simulatorOptions = null, IDictionary<string, string?>? settings = null, ChannelShare? share = null)
    {
        var merged = new Dictionary<string, string?>(FastRecovery);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) merged[key] = value;
        var worker = await PipelineHost.StartAsync(simulatorOptions ?? new SimulatorOptions(), merged,
            services: share is null ? null : s => s.AddSingleton(share));
        var started = new ChannelPoolHost(worker);
        await started.UntilAsync(h => h.IsReady, "the configured queue to be subscribed and connected");
        return started;
    }

    /// <summary>Waits (bounded) until the health snapshot satisfies <paramref name="condition"/>.</summary>
    public Task UntilAsync(Func<SubscriptionHealth, bool> condition, string what) =>
        Eventually.TrueAsync(() => condition(Pool.GetHealth()), Patience, what);

    /// <summary>A conversation on the demo queue: its snapshots (created, answered) go to the queue topic.</summary>
    public void MakeQueueEvents()
    {
        var created = Simulator.Control.CreateConversation(new() { QueueId = SeedData.DemoQueueId, AgentUserId = SeedData.AgentOneId });
        Simulator.Control.AgentAnswers(created.ConversationId);
    }

    /// <summary>Calls that changed a channel's subscriptions (POST adds, PUT replaces).</summary>
    public IReadOnlyList<LoggedRequest> SubscriptionCalls() =>
        [.. Simulator.Control.ReadOracle().Requests.Where(r => r.Path.EndsWith("/subscriptions", StringComparison.Ordinal) && r.Method is "POST" or "PUT")];

    public ValueTask DisposeAsync() => _worker.DisposeAsync();
}
