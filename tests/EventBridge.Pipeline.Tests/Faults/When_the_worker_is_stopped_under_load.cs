using EventBridge.Genesys.Simulator.Faults;
using System.Diagnostics;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// SIGTERM (systemd, Docker, Kubernetes) while wrap-ups are in flight: the worker must say not-ready at once, let the
/// running wrap-ups finish, exit cleanly inside the host's 30 s shutdown, and the next start must find every intent
/// where it was — each applied exactly once.
/// </summary>
[TestFixture]
public sealed class When_the_worker_is_stopped_under_load : ReliabilityScenarios
{
    private const int InFlight = 10;
    private const int Waiting = 5;
    private static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(4);
    // "At once" for a readiness probe that runs every 5-10 s (Kubernetes' default period is 10 s): well inside one period,
    // with room for a loaded 2-core CI machine, where 1 s was a measure of the machine rather than of the worker.
    private static readonly TimeSpan NotReadyWithin = TimeSpan.FromSeconds(3);

    [Test]
    public async Task Should_finish_what_runs_say_not_ready_and_lose_nothing_across_the_restart()
    {
        await using var scenario = await WorkerProcessScenario.StartAsync("sigterm", seed: 7002);
        var watch = Stopwatch.StartNew();
        var first = scenario.StartWorker("worker-1");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = new Uri($"http://127.0.0.1:{scenario.Port}/health/ready");
        try
        {
            await WorkerProcess.WaitReadyAsync(first, scenario.Port);
            // Every wrap-up call of the in-flight intents waits 4 s at Genesys, and SIGTERM comes while the first is held:
            // the stop provably lands on a wrap-up call in flight, which must finish, not be cut off.
            scenario.Sim.Faults.HoldWrapUps(new WrapUpHold(InFlight, HeldFor));
            var load = await RestartLoad.PublishUntilAsync(scenario, Waiting, InFlight, _ => scenario.Sim.Faults.WrapUpHolds().HeldNow > 0,
                "a wrap-up call held at Genesys, so the stop lands mid-flight");

            var signalled = Stopwatch.StartNew();
            await first.TerminateAsync();
            var notReadyAfter = await FirstNotReadyAsync(http, ready, first);
            var exited = await first.WaitForExitAsync(HostShutdownTimeout + TimeSpan.FromSeconds(5));
            var stoppedIn = signalled.Elapsed;
            var appliedBeforeStop = load.AppliedSoFar(scenario);
            var holds = scenario.Sim.Faults.WrapUpHolds();
            scenario.Sim.Faults.Clear();
            var drained = first.Output().Contains("wrap-ups in progress finish", StringComparison.Ordinal);
            Assert.That(exited, Is.True, $"the worker must exit within the shutdown timeout: {first.Output()}");
            var exitCode = first.ExitCode;
            var verdict = await load.RestartAndJudgeAsync(scenario);
            var row = verdict.Row(
                "worker stopped (SIGTERM) under load and restarted",
                load.Description,
                $"wrap-up calls held {HeldFor.TotalSeconds:0} s at Genesys; SIGTERM while one was held; {appliedBeforeStop} of {load.Intents.Count} applied before the process exited; the waiting agents entered wrap-up while no worker ran; restarted on the same store",
                watch.Elapsed) with
            {
                Mechanism = $"exit code {exitCode} {stoppedIn.TotalSeconds:0.0} s after SIGTERM; not ready {notReadyAfter.TotalSeconds:0.00} s after it; " +
                    $"held wrap-up calls: {holds.Completed} finished, {holds.Abandoned} cut off, {holds.HeldNow} still held at exit; " +
                    $"{(drained ? "in-process wrap-ups drained before the bus stopped" : "no in-process wrap-up was running")}; {verdict.Mechanism}",
                MechanismCheck = "exit code 0 inside the 30 s shutdown, not ready within 3 s of SIGTERM, every held wrap-up call finished",
                MechanismFired = exitCode == 0 && stoppedIn < HostShutdownTimeout && notReadyAfter < NotReadyWithin
                    && holds is { Completed: > 0, Abandoned: 0, HeldNow: 0 },
            };
            ReliabilityTable.Record(row);
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero, $"a clean shutdown: {first.Output()}");
                Assert.That(stoppedIn, Is.LessThan(HostShutdownTimeout), "in-flight work finished inside the host's shutdown timeout");
                Assert.That(notReadyAfter, Is.LessThan(NotReadyWithin), "not ready at once");
                Assert.That(holds, Has.Property(nameof(WrapUpHoldState.Abandoned)).Zero.And.Property(nameof(WrapUpHoldState.HeldNow)).Zero
                    .And.Property(nameof(WrapUpHoldState.Completed)).Positive, "the wrap-up calls in flight at SIGTERM finished before the worker exited");
                verdict.AssertEachConversationHasItsCodeOnce(row);
            });
        }
        finally
        {
            first.Dispose();
        }
    }

    /// <summary>Time from now until /health/ready stops answering 200 (503, or the listener gone), polling every 50 ms.</summary>
    private static async Task<TimeSpan> FirstNotReadyAsync(HttpClient http, Uri ready, ChildProcess worker)
    {
        var since = Stopwatch.StartNew();
        while (since.Elapsed < TimeSpan.FromSeconds(10) && !worker.HasExited)
        {
            try
            {
                using var answer = await http.GetAsync(ready);
                if (answer.StatusCode != System.Net.HttpStatusCode.OK) return since.Elapsed;
            }
            catch (Exception refused) when (refused is HttpRequestException or TaskCanceledException)
            {
                return since.Elapsed;
            }

            await Task.Delay(50);
        }

        return since.Elapsed;
    }
}
