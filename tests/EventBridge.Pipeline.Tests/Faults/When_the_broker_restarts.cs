using System.Diagnostics;
using EventBridge.Contracts;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// RabbitMQ restarts while intents are being published. A caller publishes with confirms and publishes again when a
/// publish fails (the same intent id is one intent); the worker's bus reconnects; nothing is lost or doubled.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_the_broker_restarts : ReliabilityScenarios
{
    [TearDown]
    public async Task MakeSureTheBrokerRuns() => await BrokerControl.StartAppAsync();

    [Test]
    public async Task Should_give_every_intent_exactly_one_outcome()
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 5001), FaultLoad.Settings(), durableOutcomes: true);
        var failedPublishes = 0;
        var down = TimeSpan.Zero;

        // What a real caller does: await the broker's confirm; on failure or timeout, publish the same intent again.
        async Task PublishConfirmedAsync(WrapUpIntent intent, CancellationToken cancellationToken)
        {
            while (true)
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(3));
                try
                {
                    await pipeline.PublishAsync(intent, attempt.Token);
                    return;
                }
                catch (Exception failed) when (!cancellationToken.IsCancellationRequested && failed is not AssertionException)
                {
                    Interlocked.Increment(ref failedPublishes);
                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                }
            }
        }

        var plan = new LoadPlan("broker restarted while publishing", 30)
        {
            Pace = TimeSpan.FromMilliseconds(150),
            Publish = PublishConfirmedAsync,
        };
        var result = await FaultLoad.RunAsync(pipeline, plan, async _ =>
        {
            // Not cancellable: once stopped, the broker is started again whatever happens.
            await Task.Delay(TimeSpan.FromSeconds(1.5), CancellationToken.None);
            var outage = Stopwatch.StartNew();
            await BrokerControl.StopAppAsync(CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
            await BrokerControl.StartAppAsync(CancellationToken.None);
            down = outage.Elapsed;
        });

        result.Report($"RabbitMQ stop_app + start_app during the publishes: broker down {down.TotalSeconds:0.0} s, " +
            $"{failedPublishes} publishes failed or timed out and were sent again",
            "the broker was down > 0 s while publishing", _ => down > TimeSpan.Zero);
    }
}
