using System.Diagnostics;
using EventBridge.Pipeline.Tests.Cluster;

namespace EventBridge.Pipeline.Tests.Faults.Cluster;

/// <summary>
/// Three workers on one PostgreSQL store; the test command's PostgreSQL server is restarted (<c>pg_ctl restart -m fast</c>:
/// every connection cut) while intents are in flight. Intake, claims and the lease ride it out on retries; every
/// intent ends applied exactly once.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_postgres_restarts : ReliabilityScenarios
{
    private const int Workers = 3;
    private const int InFlight = 10;
    private const int Waiting = 10;

    [Test]
    public async Task Should_apply_every_intent_exactly_once()
    {
        var dataDirectory = Environment.GetEnvironmentVariable("POSTGRES_DIR") is { Length: > 0 } dir ? Path.Combine(dir, "data") : null;
        Assume.That(dataDirectory, Is.Not.Null, "POSTGRES_DIR is set by deploy/postgres.sh (the test command starts the server)");
        await using var cluster = await ClusterScenario.StartAsync("postgres-restart", seed: 8305, Workers);
        var watch = Stopwatch.StartNew();
        var load = await RestartLoad.PublishUntilFirstAppliedAsync(cluster, Waiting, InFlight, "the first wrap-up, so the restart lands mid-flight");

        var appliedBefore = load.AppliedSoFar(cluster);
        var restart = Stopwatch.StartNew();
        var (exitCode, output) = await RestartPostgresAsync(dataDirectory!);
        var restartTook = restart.Elapsed;
        foreach (var conversation in load.Waiting) cluster.Sim.Control.CustomerEnds(conversation.ConversationId);
        foreach (var intent in load.Intents) await cluster.Outcomes.FinalAsync(intent.IntentId, TimeSpan.FromSeconds(90));

        var running = cluster.Workers.Count(w => !w.HasExited);
        var verdict = RestartVerdict.Read(cluster, load);
        var tooMany = cluster.TooManyRequests();
        var row = verdict.Row(
            "cluster: PostgreSQL restarted",
            $"{Workers} workers on one PostgreSQL; {load.Description}",
            $"pg_ctl restart -m fast (every connection cut) after {appliedBefore} of {load.Intents.Count} were applied; the waiting agents entered wrap-up after it",
            watch.Elapsed) with
        {
            Mechanism = $"the server was back after {restartTook.TotalSeconds:0.0} s; {running} of {Workers} replicas still running; {tooMany} answers 429; {verdict.Mechanism}",
            MechanismCheck = "the restart succeeded while intents were pending",
            MechanismFired = exitCode == 0 && appliedBefore < load.Intents.Count,
        };
        ReliabilityTable.Record(row);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, $"pg_ctl restart: {output}");
            Assert.That(appliedBefore, Is.LessThan(load.Intents.Count), "the restart must land while intents are pending");
            Assert.That(running, Is.EqualTo(Workers), $"a restart this short keeps every replica (and the lease holder) running{Environment.NewLine}{cluster.Output()}");
            Assert.That(tooMany, Is.Zero, "the replicas' one shared budget keeps Genesys from answering 429");
            verdict.AssertEachConversationHasItsCodeOnce(row);
        });
    }

    private static Task<(int ExitCode, string Output)> RestartPostgresAsync(string dataDirectory)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(Directory.Exists).Order().Last();
        // pg_ctl restart keeps the options the server was started with (postmaster.opts); the server runs as postgres and
        // writes to its log file as deploy/postgres.sh started it (not to our pipe, which would then never close).
        var log = Path.Combine(Path.GetDirectoryName(dataDirectory)!, "server.log");
        return Command.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", dataDirectory, "-l", log, "-m", "fast", "-w", "restart"],
            Environment.CurrentDirectory, TimeSpan.FromSeconds(60));
    }
}
