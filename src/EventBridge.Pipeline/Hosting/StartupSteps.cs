using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventBridge.Pipeline.Hosting;

/// <summary>What must be done before any hosted service starts, in <see cref="Stage"/> order.</summary>
public interface IStartupStep
{
    StartupStage Stage { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>The order of <see cref="IStartupStep"/>s; steps of one stage run in registration order.</summary>
public enum StartupStage
{
    /// <summary>The intent store migrated and its open intents in the index: consumers, channels and the sweeper need both.</summary>
    IntentStore = 10,

    /// <summary>The dead-letter store migrated: it may live in the intent store's database and refer to its intents.</summary>
    DeadLetters = 20,
}

/// <summary>
/// Runs every <see cref="IStartupStep"/> by stage while the host is starting, before any hosted service's
/// <c>StartAsync</c> (the bus, the channels, the sweeper). So what a consumer needs is ready whatever order the
/// services were registered in: before this, the store was ready first only because its initializer was added first.
/// </summary>
internal sealed class StartupSteps(IEnumerable<IStartupStep> steps) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps.OrderBy(s => s.Stage))
            await step.RunAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StartupStepSetup
{
    /// <summary>Registers <typeparamref name="TStep"/> (once) and the service that runs the steps.</summary>
    public static IServiceCollection AddStartupStep<TStep>(this IServiceCollection services) where TStep : class, IStartupStep
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupStep, TStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupSteps>());
        return services;
    }
}
