namespace EventBridge.DeadLetters.Storage;

/// <summary>Migrates the dead-letter database before the ingestor and the API use it.</summary>
public sealed class DeadLetterStoreInitializer(IDeadLetterStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
