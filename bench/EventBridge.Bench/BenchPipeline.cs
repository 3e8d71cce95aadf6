using EventBridge.Worker.Hosting;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventBridge.Bench;

/// <summary>
/// The wrap-up pipeline as the worker wires it (real RabbitMQ, SQLite, our Genesys client) against an in-process
/// simulator — the same wiring as tests/EventBridge.Pipeline.Tests/Support/PipelineHost.cs, without NUnit.
/// </summary>
internal sealed class BenchPipeline : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchPipeline(IHost host, string databasePath)
    {
        _host = host;
        DatabasePath = databasePath;
    }

    public string DatabasePath { get; }

    public IServiceProvider Services => _host.Services;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public PendingIntentIndex Index => _host.Services.GetRequiredService<PendingIntentIndex>();

    public SubscriptionHealth Health() => _host.Services.GetRequiredService<ChannelPool>().GetHealth();

    public static Dictionary<string, string?> Settings(GenesysSimulator simulator, string databasePath) => new()
    {
        ["Genesys:ApiBaseUrl"] = simulator.BaseUri.ToString(),
        ["Genesys:ClientId"] = OAuthClientOptions.DemoClientId,
        ["Genesys:ClientSecret"] = OAuthClientOptions.DemoClientSecret,
        // The simulator's limit is lifted; our own client-side budget is set to its maximum (3000/min).
        ["Genesys:RequestsPerMinute"] = "3000",
        ["IntentStore:Path"] = databasePath,
        ["WrapUp:QueueIds:0"] = SeedData.DemoQueueId,
        ["WrapUp:SubscribeAgentTopics"] = "false",
        ["WrapUp:ReconcileAfter"] = "01:00:00",
    };

    /// <param name="overrides">Settings over <see cref="Settings"/> (a null value removes one: the worker's default then applies).</param>
    public static Task<BenchPipeline> StartAsync(Uri broker, GenesysSimulator simulator, string databasePath, IDictionary<string, string?>? overrides = null)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(() => StartCoreAsync(broker, simulator, databasePath, overrides));
    }

    private static async Task<BenchPipeline> StartCoreAsync(Uri broker, GenesysSimulator simulator, string databasePath, IDictionary<string, string?>? overrides)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        var settings = Settings(simulator, databasePath);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null) settings.Remove(key);
            else settings[key] = value;
        }

        settings["RabbitMq:Uri"] = broker.ToString();
        builder.Configuration.AddInMemoryCollection(settings);
        // The worker's composition; the dead-letter ingestor is left out so the figures are the pipeline's.
        builder.AddEventBridgeWorker(parts => parts.DeadLetterReview = false);
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new BenchPipeline(host, databasePath);
    }

    /// <summary>Registers intents straight into a store file (before a worker starts on it), code already resolved (one commit each).</summary>
    public static async Task SeedStoreAsync(string databasePath, IEnumerable<string> conversationIds)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IntentStore:Path"] = databasePath });
        builder.Services.AddSqliteIntentStore(builder.Configuration);
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<IIntentStore>();
        await store.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(conversationIds, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (conversationId, ct) =>
        {
            await store.RegisterAsync(new StoredIntent
            {
                IntentId = Guid.NewGuid(), ConversationId = conversationId, RequestedCode = "Resolved", CodeId = SeedData.ResolvedCodeId,
                CodeName = "Resolved", Status = IntentStatus.Pending, Deadline = now.AddHours(2), ReceivedAt = now, UpdatedAt = now,
                RequestedBy = "bench",
            }, ct);
        });
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(); } catch (ObjectDisposedException) { }
        _host.Dispose();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            File.Delete(file);
    }
}
