using EventBridge.Contracts;
using EventBridge.Worker.Hosting;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Storage;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventBridge.Pipeline.Tests.Support;

/// <summary>
/// The wrap-up pipeline as the worker runs it — real RabbitMQ, SQLite store, our Genesys client — against the
/// simulator in-process. Outcomes come back through the broker to an <see cref="OutcomeCollector"/>.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _databasePath;
    private readonly string? _durableOutcomeQueue;

    private PipelineHost(IHost host, GenesysSimulator simulator, OutcomeCollector outcomes, string databasePath, string? durableOutcomeQueue)
    {
        _host = host;
        Simulator = simulator;
        Outcomes = outcomes;
        _databasePath = databasePath;
        _durableOutcomeQueue = durableOutcomeQueue;
    }

    public GenesysSimulator Simulator { get; }

    public OutcomeCollector Outcomes { get; }

    public IServiceProvider Services => _host.Services;

    public IIntentStore Store => _host.Services.GetRequiredService<IIntentStore>();

    /// <param name="durableOutcomes">
    /// Collect outcomes through a durable queue (deleted on dispose) instead of an auto-delete one, so outcome events
    /// published while a restarted broker re-declares the test's queue are not dropped (broker restart tests).
    /// </param>
    /// <param name="services">Registrations after the worker's own, which replace them (a cluster listener's channel share).</param>
    public static Task<PipelineHost> StartAsync(SimulatorOptions? simulatorOptions = null, IDictionary<string, string?>? settings = null,
        GenesysSimulator? simulator = null, string? databasePath = null, bool durableOutcomes = false, Action<IServiceCollection>? services = null)
    {
        // MassTransit keeps its log context in an AsyncLocal: a second host started in the same async flow as a disposed
        // one (a restart test) would pick up the dead logger factory. Each host starts in a fresh flow.
        using (ExecutionContext.SuppressFlow())
            return Task.Run(() => StartCoreAsync(simulatorOptions, settings, simulator, databasePath, durableOutcomes, services));
    }

    private static async Task<PipelineHost> StartCoreAsync(SimulatorOptions? simulatorOptions, IDictionary<string, string?>? settings,
        GenesysSimulator? simulator, string? databasePath, bool durableOutcomes, Action<IServiceCollection>? services)
    {
        await TestBroker.DeleteQueuesAsync(PipelineQueues.Intents, PipelineQueues.Settle);
        simulator ??= await GenesysSimulator.StartAsync(simulatorOptions ?? new SimulatorOptions { DisconnectDelay = TimeSpan.FromMilliseconds(50) });
        databasePath ??= Path.Combine(Path.GetTempPath(), $"eventbridge-test-{Guid.NewGuid():N}.db");
        var outcomes = new OutcomeCollector();
        var outcomeQueue = TestBroker.UniqueQueue("outcomes");

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Genesys:ApiBaseUrl"] = simulator.BaseUri.ToString(),
            ["Genesys:ClientId"] = OAuthClientOptions.DemoClientId,
            ["Genesys:ClientSecret"] = OAuthClientOptions.DemoClientSecret,
            ["Genesys:RetryBaseDelay"] = "00:00:00.100",
            ["IntentStore:Path"] = databasePath,
            ["RabbitMq:Uri"] = TestBroker.Uri.ToString(),
            ["WrapUp:QueueIds:0"] = SeedData.DemoQueueId,
            ["WrapUp:DeadlineSweepInterval"] = "00:00:00.200",
            // Events only by default: a flow test must not pass because a REST poll covered for the event path it names.
            // Reconciliation after a gap (start-up, reconnect) still runs; tests about quiet-intent reconciliation set it.
            ["WrapUp:ReconcileAfter"] = "01:00:00",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(outcomes);
        // The worker's own composition, less the dead-letter ingestor: these tests read the _error queues as the broker holds them.
        builder.AddEventBridgeWorker(parts =>
        {
            parts.DeadLetterReview = false;
            parts.Consumers = bus => bus.AddConsumer<OutcomeConsumer>().Endpoint(e =>
            {
                e.Name = outcomeQueue;
                e.Temporary = !durableOutcomes;
            });
        });
        services?.Invoke(builder.Services);

        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new PipelineHost(host, simulator, outcomes, databasePath, durableOutcomes ? outcomeQueue : null);
    }

    /// <summary>Until the configured queue topics are subscribed on a connected socket: events from then on reach the worker.</summary>
    public Task UntilListeningAsync() =>
        Eventually.TrueAsync(() => _host.Services.GetRequiredService<EventBridge.Pipeline.Subscriptions.ChannelPool>().GetHealth().IsReady, TimeSpan.FromSeconds(30),
            "the notification channels to be subscribed and connected");

    /// <summary>Publishes an intent as a MassTransit caller does.</summary>
    public Task PublishAsync(WrapUpIntent intent) => _host.Services.GetRequiredService<IBus>().Publish(intent);

    /// <summary>Publishes an intent (confirmed by the broker, MassTransit's default) or gives up when cancelled.</summary>
    public Task PublishAsync(WrapUpIntent intent, CancellationToken cancellationToken) =>
        _host.Services.GetRequiredService<IBus>().Publish(intent, cancellationToken);

    /// <summary>Stops the worker only (the simulator and the database stay), to start another one on them.</summary>
    public async Task<(GenesysSimulator Simulator, string DatabasePath)> StopWorkerAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        return (Simulator, _databasePath);
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(); } catch (ObjectDisposedException) { }
        _host.Dispose();
        await Simulator.DisposeAsync();
        if (_durableOutcomeQueue is not null) await TestBroker.DeleteQueuesAsync(_durableOutcomeQueue);
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
            File.Delete(file);
    }
}
