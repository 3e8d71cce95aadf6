using System.Diagnostics;
using EventBridge.Pipeline.Cluster;
using EventBridge.Pipeline.Tests.Cluster;

namespace EventBridge.Pipeline.Tests.Faults.Cluster;

/// <summary>
/// The listener lease holder of three workers is frozen for 20 s (SIGSTOP: cut off from PostgreSQL, the broker and
/// Genesys alike, its sockets left open) while intents are in flight. A stand-by must take the lease over; when the
/// old holder wakes it must notice it lost the lease and stop (exit code 75, for its supervisor to restart it as a
/// stand-by) instead of listening on beside the new holder; every intent ends applied exactly once.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_the_lease_holder_is_frozen : ReliabilityScenarios
{
    private const int Workers = 3;
    private const int InFlight = 10;
    private const int Waiting = 10;
    private static readonly TimeSpan Frozen = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Should_hand_over_and_stop_the_old_holder_when_it_wakes()
    {
        await using var cluster = await ClusterScenario.StartAsync("lease-freeze", seed: 8304, Workers);
        var watch = Stopwatch.StartNew();
        var holder = await cluster.HolderAsync(TimeSpan.FromSeconds(30));
        var load = await RestartLoad.PublishUntilFirstAppliedAsync(cluster, Waiting, InFlight, "the first wrap-up, so the freeze lands mid-flight");

        var frozenAt = Stopwatch.StartNew();
        await cluster.Workers[holder].FreezeAsync();
        var appliedBeforeFreeze = load.AppliedSoFar(cluster);
        foreach (var conversation in load.Waiting) cluster.Sim.Control.CustomerEnds(conversation.ConversationId);
        var successor = await cluster.HolderAsync(Frozen);
        var takeOver = frozenAt.Elapsed;
        await Eventually.TrueAsync(() => frozenAt.Elapsed >= Frozen, Frozen, "the freeze to last its 20 s");
        await cluster.Workers[holder].ThawAsync();
        var stopped = await cluster.Workers[holder].WaitForExitAsync(TimeSpan.FromSeconds(30));
        foreach (var intent in load.Intents) await cluster.Outcomes.FinalAsync(intent.IntentId, TimeSpan.FromSeconds(90));

        var exitCode = stopped ? cluster.Workers[holder].ExitCode : (int?)null;
        var verdict = RestartVerdict.Read(cluster, load);
        var tooMany = cluster.TooManyRequests();
        var row = verdict.Row(
            "cluster: listener lease holder frozen 20 s (SIGSTOP)",
            $"{Workers} workers on one PostgreSQL; {load.Description}",
            $"the holder was frozen after {appliedBeforeFreeze} of {load.Intents.Count} were applied; the waiting agents entered wrap-up meanwhile",
            watch.Elapsed) with
        {
            Mechanism = $"a stand-by took the lease {takeOver.TotalSeconds:0.0} s into the freeze; the old holder exited with code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (still running)"} on waking; {tooMany} answers 429; {verdict.Mechanism}",
            MechanismCheck = $"another worker took the lease; the woken holder stopped with code {ListenerRole.LostLeaseExitCode}",
            MechanismFired = successor != holder && exitCode == ListenerRole.LostLeaseExitCode,
        };
        ReliabilityTable.Record(row);
        Assert.Multiple(() =>
        {
            Assert.That(successor, Is.Not.EqualTo(holder), "a stand-by took the lease");
            Assert.That(exitCode, Is.EqualTo(ListenerRole.LostLeaseExitCode), $"the woken holder stops{Environment.NewLine}{cluster.Output()}");
            Assert.That(tooMany, Is.Zero, "the replicas' one shared budget keeps Genesys from answering 429");
            verdict.AssertEachConversationHasItsCodeOnce(row);
        });
    }
}
