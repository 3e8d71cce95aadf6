using System.Diagnostics;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Pipeline.Tests.Cluster;

namespace EventBridge.Pipeline.Tests.Faults.Cluster;

/// <summary>
/// Three workers on one PostgreSQL store; every wrap-up call waits 4 s at Genesys, and the replica whose claim covers a
/// call in flight is killed (SIGKILL). Its call is cut off at Genesys (no effect); its claim runs out, and another
/// replica takes the intent over only after re-reading Genesys — one code per agent, none lost.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_a_replica_is_killed_mid_apply : ReliabilityScenarios
{
    private const int Workers = 3;
    private const int InFlight = 10;
    private const int Waiting = 10;
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(4);

    [Test]
    public async Task Should_finish_its_claims_elsewhere_exactly_once()
    {
        await using var cluster = await ClusterScenario.StartAsync("replica-kill", seed: 8302, Workers);
        var watch = Stopwatch.StartNew();
        cluster.Sim.Faults.HoldWrapUps(new WrapUpHold(InFlight + Waiting, HeldFor));
        var load = await RestartLoad.PublishUntilAsync(cluster, Waiting, InFlight, _ => cluster.Sim.Faults.WrapUpHolds().HeldNow > 0,
            "a wrap-up call held at Genesys");
        var owner = await cluster.Database.QueryScalarAsync<string?>(
            "SELECT claim_owner FROM intents WHERE status = 'Applying' AND claim_expires_at > now() ORDER BY updated_at LIMIT 1");
        var victim = owner is null ? -1 : await cluster.WorkerNamedAsync(owner);
        Assert.That(victim, Is.GreaterThanOrEqualTo(0), $"a replica holds a live claim on an intent whose wrap-up call is held (owner {owner})");

        cluster.Kill(victim);
        var appliedBeforeKill = load.AppliedSoFar(cluster);
        foreach (var conversation in load.Waiting) cluster.Sim.Control.CustomerEnds(conversation.ConversationId);
        foreach (var intent in load.Intents) await cluster.Outcomes.FinalAsync(intent.IntentId, TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(() => cluster.Sim.Faults.WrapUpHolds().HeldNow == 0, TimeSpan.FromSeconds(20), "the held calls to end");

        var verdict = RestartVerdict.Read(cluster, load);
        var holds = cluster.Sim.Faults.WrapUpHolds();
        var tooMany = cluster.TooManyRequests();
        var row = verdict.Row(
            "cluster: a replica killed (SIGKILL) mid-apply",
            $"{Workers} workers on one PostgreSQL; every wrap-up call held {HeldFor.TotalSeconds:0} s at Genesys; {load.Description}",
            $"the replica owning a claim on a held call was killed after {appliedBeforeKill} of {load.Intents.Count} were applied",
            watch.Elapsed) with
        {
            Mechanism = $"{holds.Abandoned} held calls cut off by the kill (no effect at Genesys), their claims taken over after a fresh read; {tooMany} answers 429; {verdict.Mechanism}",
            MechanismCheck = "the killed replica had a wrap-up call in flight (cut off ≥ 1)",
            MechanismFired = holds.Abandoned >= 1,
        };
        ReliabilityTable.Record(row);
        Assert.Multiple(() =>
        {
            Assert.That(holds.Abandoned, Is.GreaterThanOrEqualTo(1), $"the kill cut a held call off{Environment.NewLine}{cluster.Output()}");
            Assert.That(tooMany, Is.Zero, "the replicas' one shared budget keeps Genesys from answering 429");
            verdict.AssertEachConversationHasItsCodeOnce(row);
        });
    }
}
