using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>Genesys throttles (429 with Retry-After) and fails (5xx) in bursts; no burst may cost an intent or double one.</summary>
[TestFixture]
public sealed class When_the_api_answers_with_error_bursts : ReliabilityScenarios
{
    [Test]
    public async Task Should_apply_every_intent_once_through_429_bursts()
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 3001), FaultLoad.Settings());
        var sim = pipeline.Simulator;
        var bursts = 0;

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("429 bursts", 30) { Pace = TimeSpan.FromMilliseconds(100) }, async stop =>
        {
            // A throttling episode every 5 s: the next six calls get 429 (Retry-After 1 s). A burst counts calls, not
            // time, so a new one starts only once the last is used up. At the worker's 4 calls/s, one burst a second
            // would answer every call 429 for the whole run (tried: nothing at all got through) — an outage, not throttling.
            while (!stop.IsCancellationRequested)
            {
                if (sim.Faults.PendingBursts().Count == 0)
                {
                    sim.Faults.AddBurst(new ErrorBurst(6, 429));
                    bursts++;
                }

                await Task.Delay(TimeSpan.FromSeconds(5), stop);
            }
        });

        result.Report($"six calls answered 429 (Retry-After 1 s) every 5 s once the last burst is used up: {bursts} bursts, {result.Refused(429)} calls answered 429",
            "calls answered 429 > 0, every one retried after its Retry-After", m => m.Throttled > 0);
    }

    [Test]
    public async Task Should_apply_every_intent_once_through_5xx_bursts()
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 3002), FaultLoad.Settings());
        var sim = pipeline.Simulator;
        int[] statuses = [500, 502, 503, 504];
        var bursts = 0;

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("500/502/503/504 bursts", 30) { Pace = TimeSpan.FromMilliseconds(100) }, async stop =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (sim.Faults.PendingBursts().Count == 0) sim.Faults.AddBurst(new ErrorBurst(4, statuses[bursts++ % statuses.Length]));
                await Task.Delay(TimeSpan.FromMilliseconds(700), stop);
            }
        });

        result.Report($"four calls answered 500, 502, 503 or 504 (in turn) every 0.7 s once the last burst is used up: {bursts} bursts; answered " +
            string.Join(", ", statuses.Select(s => $"{s} ×{result.Refused(s)}")),
            "calls answered 5xx > 0", _ => statuses.Sum(result.Refused) > 0);
    }
}
