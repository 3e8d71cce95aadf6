using EventBridge.Pipeline.Hosting;

namespace EventBridge.DeadLetters.Storage;

/// <summary>Migrates the dead-letter database before the ingestor and the API use it (a startup step: before every hosted service).</summary>
public sealed class DeadLetterStoreInitializer(IDeadLetterStore store) : IStartupStep
{
    public StartupStage Stage => StartupStage.DeadLetters;

    public Task RunAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);
}
