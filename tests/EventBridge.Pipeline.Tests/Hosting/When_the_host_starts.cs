using EventBridge.Pipeline.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventBridge.Pipeline.Tests.Hosting;

/// <summary>
/// What a consumer needs (the store migrated, open intents reloaded, then the dead letters) is ready before any hosted
/// service starts, whatever order the services were registered in: the bus is added by its own setup, and nothing
/// should depend on it being added last.
/// </summary>
public sealed class When_the_host_starts
{
    [Test]
    public async Task Should_run_the_startup_steps_by_stage_before_any_hosted_service_registered_ahead_of_them()
    {
        var order = new StartOrder();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(order);
        builder.Services.AddHostedService<RecordingService>();
        builder.Services.AddStartupStep<DeadLetterStep>();
        builder.Services.AddStartupStep<IntentStoreStep>();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.That(order.Seen, Is.EqualTo(new[] { "intent store", "dead letters", "hosted service" }));
    }

    private sealed class StartOrder
    {
        public List<string> Seen { get; } = [];
    }

    private sealed class RecordingService(StartOrder order) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            order.Seen.Add("hosted service");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class IntentStoreStep(StartOrder order) : IStartupStep
    {
        public StartupStage Stage => StartupStage.IntentStore;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            order.Seen.Add("intent store");
            return Task.CompletedTask;
        }
    }

    private sealed class DeadLetterStep(StartOrder order) : IStartupStep
    {
        public StartupStage Stage => StartupStage.DeadLetters;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            order.Seen.Add("dead letters");
            return Task.CompletedTask;
        }
    }
}
