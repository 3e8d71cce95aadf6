using EventBridge.Pipeline.Listening;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// Migrates the store and reloads open intents into the index before any consumer starts (it is registered ahead of
/// the bus), so a restarted worker picks up exactly where it stopped.
/// </summary>
public sealed class IntentStoreInitializer(IIntentStore store, PendingIntentIndex index, ILogger<IntentStoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var open = await store.GetOpenAsync(cancellationToken);
        foreach (var intent in open) index.Add(intent);
        logger.LogInformation("Intent store ready: {OpenIntentCount} open intents reloaded", open.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
