using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// SIGKILL, then a restart on the same store: intents in flight (being disconnected, applied) and intents whose agents
/// enter wrap-up while no worker runs must all end applied, each exactly once.
/// </summary>
[TestFixture]
public sealed class When_the_worker_is_killed_while_intents_are_pending : ReliabilityScenarios
{
    private const int InFlight = 10;
    private const int Waiting = 10;

    [Test]
    public async Task Should_apply_every_intent_exactly_once_after_the_restart()
    {
        await using var scenario = await WorkerProcessScenario.StartAsync("sigkill", seed: 7001);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var first = scenario.StartWorker("worker-1");
        await WorkerProcess.WaitReadyAsync(first, scenario.Port);
        var load = await RestartLoad.PublishUntilFirstAppliedAsync(scenario, Waiting, InFlight, "the first wrap-up, so the kill lands mid-flight");

        first.Dispose(); // Process.Kill: SIGKILL on Linux, no shutdown hooks run
        var appliedBeforeKill = load.AppliedSoFar(scenario);
        var verdict = await load.RestartAndJudgeAsync(scenario);
        var row = verdict.Row(
            "worker killed (SIGKILL) and restarted",
            load.Description,
            $"worker process killed after {appliedBeforeKill} of {load.Intents.Count} were applied; the waiting agents entered wrap-up while no worker ran; restarted on the same store",
            watch.Elapsed) with
        {
            Mechanism = $"start-up reconciliation on the restarted worker; {verdict.Mechanism}",
            MechanismCheck = "the kill landed while intents were pending",
            MechanismFired = appliedBeforeKill < load.Intents.Count,
        };
        ReliabilityTable.Record(row);
        Assert.Multiple(() =>
        {
            Assert.That(appliedBeforeKill, Is.LessThan(load.Intents.Count), "the kill must land while intents are pending");
            verdict.AssertEachConversationHasItsCodeOnce(row);
        });
    }
}
