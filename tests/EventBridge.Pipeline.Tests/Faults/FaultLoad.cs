using System.Diagnostics;
using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// "Run a load, collect the verdict": creates the conversations, publishes one intent per conversation, ends the
/// conversations so agents enter after-call work, runs the fault alongside, and waits (bounded) until every intent has
/// a final outcome. The <see cref="LoadResult"/> then counts what the caller and the simulator's oracle saw.
/// </summary>
public static class FaultLoad
{
    private static readonly (string Name, string Id)[] Codes =
        [("QA_Review", SeedData.QaReviewCodeId), ("Resolved", SeedData.ResolvedCodeId), ("Escalated", SeedData.EscalatedCodeId)];

    /// <summary>Worker settings for fault runs: a budget that is not the fault under test, quick reconciliation.</summary>
    public static Dictionary<string, string?> Settings(TimeSpan? reconcileAfter = null, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Genesys:RequestsPerMinute"] = "3000",
            ["Genesys:ChannelReconnectDelay"] = "00:00:00.300",
            ["WrapUp:ReconcileAfter"] = (reconcileAfter ?? TimeSpan.FromSeconds(2)).ToString("c"),
            ["WrapUp:DeadlineSweepInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>Simulator options for fault runs: seeded faults, a rate limit above the worker's budget.</summary>
    public static SimulatorOptions Simulator(int seed) => new()
    {
        DisconnectDelay = TimeSpan.FromMilliseconds(50),
        RateLimitPerMinute = 6000,
        FaultSeed = seed,
    };

    /// <param name="fault">Runs beside the load from the first publish; cancelled once every outcome is in.</param>
    public static async Task<LoadResult> RunAsync(PipelineHost pipeline, LoadPlan plan, Func<CancellationToken, Task>? fault = null)
    {
        var sim = pipeline.Simulator;
        var publish = plan.Publish ?? ((intent, ct) => pipeline.PublishAsync(intent, ct));
        using var stopFault = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var faultTask = fault is null ? Task.CompletedTask : Task.Run(() => fault(stopFault.Token));
        var sent = new List<SentIntent>();
        using var limit = new CancellationTokenSource(plan.Patience + plan.Pace * plan.Conversations * 4);
        try
        {
            await PublishAndEndAsync(pipeline, plan, publish, sent, limit.Token);
        }
        catch
        {
            await stopFault.CancelAsync();
            await StopFaultAsync(faultTask);
            throw;
        }

        var allIn = await WaitForFinalsAsync(pipeline.Outcomes, sent, plan.Patience);
        var seconds = clock.Elapsed.TotalSeconds;
        await stopFault.CancelAsync();
        await StopFaultAsync(faultTask);
        await UntilSimulatorQuietAsync(sim);
        TestContext.Progress.WriteLine($"[fault-load] {plan.Scenario}: {(allIn ? "every outcome in" : "gave up waiting")} after {seconds:0.0} s");
        return new LoadResult(plan, sent, pipeline.Outcomes, sim.Control.ReadOracle(), seconds);
    }

    private static async Task PublishAndEndAsync(PipelineHost pipeline, LoadPlan plan, Func<WrapUpIntent, CancellationToken, Task> publish,
        List<SentIntent> sent, CancellationToken limit)
    {
        var sim = pipeline.Simulator;
        for (var i = 0; i < plan.Conversations; i++)
        {
            var conversation = sim.ConnectedConversation();
            var endedFirst = plan.EndFirstEvery > 0 && i % plan.EndFirstEvery == 0;
            if (endedFirst) sim.Control.CustomerEnds(conversation.ConversationId);
            var (name, id) = Codes[i % Codes.Length];
            var intent = Scenarios.IntentFor(conversation.ConversationId, name) with { RequestedBy = $"fault-load {plan.Scenario}" };
            await publish(intent, limit);
            sent.Add(new SentIntent(intent, conversation.ConversationId, conversation.AgentParticipantId, id, endedFirst));
            if (plan.Between is not null) await plan.Between(i, limit);
            await Task.Delay(plan.Pace, limit);
        }

        foreach (var later in sent.Where(s => !s.EndedFirst))
        {
            sim.Control.CustomerEnds(later.ConversationId);
            await Task.Delay(plan.Pace / 2, limit);
        }
    }

    private static async Task<bool> WaitForFinalsAsync(OutcomeCollector outcomes, IReadOnlyList<SentIntent> sent, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (!sent.All(s => outcomes.For(s.Intent.IntentId).Any(LoadResult.IsFinal)))
        {
            if (deadline.Elapsed > patience) return false;
            await Task.Delay(50);
        }

        return true;
    }

    private static async Task StopFaultAsync(Task faultTask)
    {
        try
        {
            await faultTask;
        }
        catch (OperationCanceledException)
        {
            // The fault loop was told to stop.
        }
    }

    /// <summary>A late second wrap-up would show up after the outcomes: wait until the simulator sees no calls for a moment.</summary>
    private static async Task UntilSimulatorQuietAsync(GenesysSimulator sim)
    {
        var limit = Stopwatch.StartNew();
        var count = sim.Control.ReadOracle().Requests.Count;
        var quiet = Stopwatch.StartNew();
        while (quiet.Elapsed < TimeSpan.FromMilliseconds(500) && limit.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
            var now = sim.Control.ReadOracle().Requests.Count;
            if (now != count) quiet.Restart();
            count = now;
        }
    }
}

/// <summary>One intent of a load, with what the oracle should show for it.</summary>
public sealed record SentIntent(WrapUpIntent Intent, string ConversationId, string AgentParticipantId, string ExpectedCodeId, bool EndedFirst);
