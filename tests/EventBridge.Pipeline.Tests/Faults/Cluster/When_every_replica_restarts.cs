using System.Diagnostics;
using EventBridge.Pipeline.Tests.Cluster;

namespace EventBridge.Pipeline.Tests.Faults.Cluster;

/// <summary>
/// Three workers on one PostgreSQL store are all killed (SIGKILL) with intents in flight, the waiting agents enter
/// wrap-up while no replica runs, and three new processes start on the same store: one of them takes the lease once
/// the dead holder's runs out, and every intent ends applied exactly once.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_every_replica_restarts : ReliabilityScenarios
{
    private const int Workers = 3;
    private const int InFlight = 10;
    private const int Waiting = 10;

    [Test]
    public async Task Should_apply_every_intent_exactly_once_after_the_restart()
    {
        await using var cluster = await ClusterScenario.StartAsync("restart-all", seed: 8303, Workers);
        var watch = Stopwatch.StartNew();
        var load = await RestartLoad.PublishUntilFirstAppliedAsync(cluster, Waiting, InFlight, "the first wrap-up, so the kills land mid-flight");

        for (var i = 0; i < Workers; i++) cluster.Kill(i);
        var appliedBeforeKill = load.AppliedSoFar(cluster);
        foreach (var conversation in load.Waiting) cluster.Sim.Control.CustomerEnds(conversation.ConversationId);
        var restarted = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(cluster.RestartAsync));
        await cluster.HolderAsync(TimeSpan.FromSeconds(30));
        var listening = restarted.Elapsed;
        try
        {
            foreach (var intent in load.Intents) await cluster.Outcomes.FinalAsync(intent.IntentId, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException late)
        {
            Assert.Fail($"{late.Message}{Environment.NewLine}{cluster.Output()}");
        }

        var verdict = RestartVerdict.Read(cluster, load);
        var tooMany = cluster.TooManyRequests();
        var row = verdict.Row(
            "cluster: every replica killed (SIGKILL) and restarted",
            $"{Workers} workers on one PostgreSQL; {load.Description}",
            $"all {Workers} killed after {appliedBeforeKill} of {load.Intents.Count} were applied; the waiting agents entered wrap-up while none ran; {Workers} new processes on the same store",
            watch.Elapsed) with
        {
            Mechanism = $"a restarted replica listened {listening.TotalSeconds:0.0} s after the restarts began (the dead holder's lease ran out first); {tooMany} answers 429; {verdict.Mechanism}",
            MechanismCheck = "the kills landed while intents were pending",
            MechanismFired = appliedBeforeKill < load.Intents.Count,
        };
        ReliabilityTable.Record(row);
        Assert.Multiple(() =>
        {
            Assert.That(appliedBeforeKill, Is.LessThan(load.Intents.Count), "the kills must land while intents are pending");
            Assert.That(tooMany, Is.Zero, "the replicas' one shared budget keeps Genesys from answering 429");
            verdict.AssertEachConversationHasItsCodeOnce(row);
        });
    }
}
