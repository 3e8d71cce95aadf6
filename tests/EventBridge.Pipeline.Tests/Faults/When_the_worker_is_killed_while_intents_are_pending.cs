using EventBridge.Genesys.Simulator.Organization;
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
        var (sim, outcomes, bus) = (scenario.Sim, scenario.Outcomes, scenario.Bus);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var first = scenario.StartWorker("worker-1");
        await WorkerProcess.WaitReadyAsync(first, scenario.Port);

        var waiting = Enumerable.Range(0, Waiting).Select(_ => sim.ConnectedConversation()).ToList();
        var inFlight = Enumerable.Range(0, InFlight).Select(_ => sim.ConnectedConversation()).ToList();
        var intents = waiting.Select(c => Scenarios.IntentFor(c.ConversationId, "Resolved"))
            .Concat(inFlight.Select(c => Scenarios.IntentFor(c.ConversationId, "Escalated", disconnect: true))).ToList();
        foreach (var intent in intents.Take(Waiting)) await bus.Publish(intent);
        foreach (var intent in intents.Take(Waiting)) await outcomes.UntilAcceptedAsync(intent.IntentId);
        foreach (var intent in intents.Skip(Waiting)) await bus.Publish(intent);
        await Eventually.TrueAsync(() => intents.Any(i => scenario.WasApplied(i.IntentId)), Scenarios.Patience,
            "the first wrap-up, so the kill lands mid-flight");

        first.Dispose(); // Process.Kill: SIGKILL on Linux, no shutdown hooks run
        var appliedBeforeKill = intents.Count(i => scenario.WasApplied(i.IntentId));
        foreach (var conversation in waiting) sim.Control.CustomerEnds(conversation.ConversationId);

        using var second = scenario.StartWorker("worker-2");
        await WorkerProcess.WaitReadyAsync(second, scenario.Port);
        foreach (var intent in intents) await outcomes.FinalAsync(intent.IntentId, TimeSpan.FromSeconds(60));

        var conversations = waiting.Concat(inFlight).ToList();
        var expectedCode = conversations.ToDictionary(c => c.ConversationId, c => waiting.Contains(c) ? SeedData.ResolvedCodeId : SeedData.EscalatedCodeId);
        var verdict = RestartVerdict.Read(scenario, intents, conversations, expectedCode);
        var row = verdict.Row(
            "worker killed (SIGKILL) and restarted",
            $"{Waiting} intents waiting for wrap-up, {InFlight} asking EventBridge to disconnect (in flight)",
            $"worker process killed after {appliedBeforeKill} of {intents.Count} were applied; the waiting agents entered wrap-up while no worker ran; restarted on the same store",
            watch.Elapsed) with
        {
            Mechanism = $"start-up reconciliation on the restarted worker; {verdict.Mechanism}",
            MechanismCheck = "the kill landed while intents were pending",
            MechanismFired = appliedBeforeKill < intents.Count,
        };
        ReliabilityTable.Record(row);
        Assert.Multiple(() =>
        {
            Assert.That(appliedBeforeKill, Is.LessThan(intents.Count), "the kill must land while intents are pending");
            verdict.AssertEachConversationHasItsCodeOnce(row);
        });
    }
}
