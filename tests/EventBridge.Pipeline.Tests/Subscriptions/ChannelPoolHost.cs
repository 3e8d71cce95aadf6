using EventBridge.Genesys;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Reconciling;
using EventBridge.Pipeline.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>
/// The subscription services alone (channel pool, router, reconcile signal, our Genesys client) against the simulator
/// in-process with real sockets; no broker, since these tests hold no intents.
/// </summary>
public sealed class ChannelPoolHost : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly IHost _host;

    private ChannelPoolHost(IHost host, GenesysSimulator simulator)
    {
        _host = host;
        Simulator = simulator;
    }

    public GenesysSimulator Simulator { get; }

    public ChannelPool Pool => _host.Services.GetRequiredService<ChannelPool>();

    public ReconcileSignal Reconcile => _host.Services.GetRequiredService<ReconcileSignal>();

    public SubscriptionHealth Health => Pool.GetHealth();

    /// <summary>Fast settings: 100 ms debounce, 100–500 ms backoff; <paramref name="settings"/> override them.</summary>
    /// <param name="share">The pool's share of <c>MaxChannels</c> (a cluster's lease holder takes half); the whole by default.</param>
    public static async Task<ChannelPoolHost> StartAsync(
        SimulatorOptions? simulatorOptions = null, IDictionary<string, string?>? settings = null, ChannelShare? share = null)
    {
        var simulator = await GenesysSimulator.StartAsync(simulatorOptions ?? new SimulatorOptions());
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Genesys:ApiBaseUrl"] = simulator.BaseUri.ToString(),
            ["Genesys:ClientId"] = OAuthClientOptions.DemoClientId,
            ["Genesys:ClientSecret"] = OAuthClientOptions.DemoClientSecret,
            ["Genesys:RetryBaseDelay"] = "00:00:00.100",
            ["WrapUp:QueueIds:0"] = SeedData.DemoQueueId,
            ["Subscriptions:ReconnectBaseDelay"] = "00:00:00.100",
            ["Subscriptions:ReconnectMaxDelay"] = "00:00:00.500",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        builder.Services.AddGenesysClient(builder.Configuration);
        builder.Services.AddOptions<WrapUpPipelineOptions>().Bind(builder.Configuration.GetSection(WrapUpPipelineOptions.Section));
        builder.Services.AddOptions<SubscriptionOptions>().Bind(builder.Configuration.GetSection(SubscriptionOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ISendEndpointProvider, NoSettleEndpoint>();
        builder.Services.AddSingleton<SettleRequests>();
        builder.Services.AddSingleton<PendingIntentIndex>();
        builder.Services.AddSingleton<ConversationSnapshots>();
        builder.Services.AddSingleton<SettleInbox>();
        // Not hosted: these tests never settle, so no follow-up read is ever sent.
        builder.Services.AddSingleton<AcwFollowUps>();
        builder.Services.AddSingleton<ConversationEventRouter>();
        builder.Services.AddSingleton<ReconcileSignal>();
        if (share is not null) builder.Services.AddSingleton(share);
        builder.Services.AddSingleton<ChannelPool>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChannelPool>());
        var host = builder.Build();
        await host.StartAsync();
        var started = new ChannelPoolHost(host, simulator);
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

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Simulator.DisposeAsync();
    }
}
