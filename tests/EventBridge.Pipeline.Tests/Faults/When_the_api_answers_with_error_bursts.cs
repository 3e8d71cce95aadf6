using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// Genesys throttles (429 with Retry-After) and fails (5xx) in bursts; no burst may cost an intent or double one. The
/// 5xx rows run on both sides of the unsettled wrap-up fact: the per-communication call refused (falls back to the
/// participant PATCH) and allowed, since the two calls are retried by the same written rule.
/// </summary>
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

    [TestCase(false)]
    [TestCase(true)]
    public async Task Should_apply_every_intent_once_through_5xx_bursts(bool orgAllowsCommunicationWrapup)
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 3002, orgAllowsCommunicationWrapup), FaultLoad.Settings());
        var sim = pipeline.Simulator;
        int[] statuses = [500, 502, 503, 504];
        var bursts = 0;

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan(FaultLoad.Scenario("500/502/503/504 bursts", orgAllowsCommunicationWrapup), 30) { Pace = TimeSpan.FromMilliseconds(100) }, async stop =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Every 3 s, as the 429 row: at the worker's 4 calls/s, four every 0.7 s would answer nearly every call 5xx.
                if (sim.Faults.PendingBursts().Count == 0) sim.Faults.AddBurst(new ErrorBurst(4, statuses[bursts++ % statuses.Length]));
                await Task.Delay(TimeSpan.FromSeconds(3), stop);
            }
        });

        result.Report($"four calls answered 500, 502, 503 or 504 (in turn) every 3 s once the last burst is used up: {bursts} bursts; answered " +
            string.Join(", ", statuses.Select(s => $"{s} ×{result.Refused(s)}")),
            "calls answered 5xx > 0", _ => statuses.Sum(result.Refused) > 0);
    }

    /// <summary>
    /// A gateway answers 502/504 on a wrap-up Genesys did apply: the answer says nothing about the effect, so a worker
    /// that resends writes blindly would wrap the participant up twice (the oracle counts the second call).
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task Should_apply_every_intent_once_when_wrap_up_answers_are_lost_after_the_effect(bool orgAllowsCommunicationWrapup)
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 3003, orgAllowsCommunicationWrapup), FaultLoad.Settings());
        var sim = pipeline.Simulator;
        int[] statuses = [502, 504];
        var bursts = 0;

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan(FaultLoad.Scenario("502/504 after the effect", orgAllowsCommunicationWrapup), 30) { Pace = TimeSpan.FromMilliseconds(100) }, async stop =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (sim.Faults.PendingBursts().Count == 0)
                    sim.Faults.AddBurst(new ErrorBurst(2, statuses[bursts++ % statuses.Length], "/api/v2/conversations/messages/", AfterEffect: true));
                await Task.Delay(TimeSpan.FromMilliseconds(700), stop);
            }
        });

        var landedButLost = result.Oracle.WrapupCalls.Count(c => c.Effect == "applied" && c.Status >= 500);
        result.Report($"two wrap-up calls answered 502 or 504 (in turn) after they were applied, every 0.7 s once the last burst is used up: " +
            $"{bursts} bursts; {landedButLost} wrap-ups landed with a 5xx answer",
            "wrap-ups that landed with a 5xx answer > 0, and none sent again", _ => landedButLost > 0);
    }
}
