using System.Diagnostics;
using EventBridge.Pipeline.Tests.Cluster;

namespace EventBridge.Pipeline.Tests.Faults.Cluster;

/// <summary>
/// Three worker processes on one PostgreSQL store and one broker, under load: the replica holding the listener lease
/// (the only one with notification channels) is killed with SIGKILL while intents are in flight, and the waiting agents
/// enter wrap-up while nobody listens. A stand-by must take the lease over within 15 s, open its own channels, find
/// the missed ACW entries by reconciliation, and every intent must end applied exactly once — with no 429 from
/// Genesys, since the replicas share one request budget.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_the_listener_lease_holder_is_killed : ReliabilityScenarios
{
    private const int Workers = 3;
    private const int InFlight = 10;
    private const int Waiting = 10;
    private static readonly TimeSpan TakeOverLimit = TimeSpan.FromSeconds(15);

    [Test]
    public async Task Should_take_over_within_15_s_and_apply_every_intent_exactly_once()
    {
        await using var cluster = await ClusterScenario.StartAsync("lease-kill", seed: 8301, Workers);
        var watch = Stopwatch.StartNew();
        var holder = await cluster.HolderAsync(TimeSpan.FromSeconds(30));
        var load = await RestartLoad.PublishUntilFirstAppliedAsync(cluster, Waiting, InFlight, "the first wrap-up, so the kill lands mid-flight");

        var killedAt = Stopwatch.StartNew();
        cluster.Kill(holder);
        var appliedBeforeKill = load.AppliedSoFar(cluster);
        foreach (var conversation in load.Waiting) cluster.Sim.Control.CustomerEnds(conversation.ConversationId);
        var successor = await cluster.HolderAsync(TimeSpan.FromSeconds(30));
        var takeOver = killedAt.Elapsed;
        foreach (var intent in load.Intents) await cluster.Outcomes.FinalAsync(intent.IntentId, TimeSpan.FromSeconds(90));

        var verdict = RestartVerdict.Read(cluster, load);
        var tooMany = cluster.TooManyRequests();
        var row = verdict.Row(
            "cluster: listener lease holder killed (SIGKILL)",
            $"{Workers} workers on one PostgreSQL; {load.Description}",
            $"the holder was killed after {appliedBeforeKill} of {load.Intents.Count} were applied; the waiting agents entered wrap-up while nobody listened",
            watch.Elapsed) with
        {
            Mechanism = $"a stand-by took the lease {takeOver.TotalSeconds:0.0} s after the kill and reconciled; {tooMany} answers 429; {verdict.Mechanism}",
            MechanismCheck = $"another worker holds the lease within {TakeOverLimit.TotalSeconds:0} s; the kill landed while intents were pending",
            MechanismFired = successor != holder && takeOver <= TakeOverLimit && appliedBeforeKill < load.Intents.Count,
        };
        ReliabilityTable.Record(row);
        Assert.Multiple(() =>
        {
            Assert.That(successor, Is.Not.EqualTo(holder), "a stand-by took the lease");
            Assert.That(takeOver, Is.LessThanOrEqualTo(TakeOverLimit), $"take-over time{Environment.NewLine}{cluster.Output()}");
            Assert.That(appliedBeforeKill, Is.LessThan(load.Intents.Count), "the kill must land while intents are pending");
            Assert.That(tooMany, Is.Zero, "the replicas' one shared budget keeps Genesys from answering 429");
            verdict.AssertEachConversationHasItsCodeOnce(row);
        });
    }
}
