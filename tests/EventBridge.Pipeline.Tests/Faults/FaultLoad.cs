using System.Diagnostics;
using System.Globalization;
using EventBridge.Contracts;
using EventBridge.Genesys;
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

    /// <summary>The worker's default request budget (requests/min), which the fault runs keep.</summary>
    public static int WorkerBudgetPerMinute { get; } = new GenesysOptions().RequestsPerMinute;

    /// <summary>Genesys's documented limit per token, the simulator's default.</summary>
    public static int SimulatorRatePerMinute { get; } = new SimulatorOptions().RateLimitPerMinute;

    public static TimeSpan ReconcileAfter { get; } = new WrapUpPipelineOptions().ReconcileAfter;

    public static TimeSpan SweepInterval { get; } = new WrapUpPipelineOptions().DeadlineSweepInterval;

    /// <summary>
    /// Worker settings for fault runs: the worker's own budget and reconciliation defaults (the test host's quicker
    /// ones are put back), so a row cannot pass because REST polling at ten times Genesys's budget covered for the
    /// mechanism it names.
    /// </summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Genesys:RequestsPerMinute"] = WorkerBudgetPerMinute.ToString(CultureInfo.InvariantCulture),
            ["WrapUp:ReconcileAfter"] = ReconcileAfter.ToString("c"),
            ["WrapUp:DeadlineSweepInterval"] = SweepInterval.ToString("c"),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>
    /// Simulator options for fault runs: seeded faults at Genesys's real rate limit, and the per-communication wrap-up
    /// call refused to client-credentials tokens (the simulator's default, as the first user's org) unless
    /// <paramref name="orgAllowsCommunicationWrapup"/>: the other side of that unsettled fact.
    /// </summary>
    public static SimulatorOptions Simulator(int seed, bool orgAllowsCommunicationWrapup = false) => new()
    {
        DisconnectDelay = TimeSpan.FromMilliseconds(50),
        RateLimitPerMinute = SimulatorRatePerMinute,
        FaultSeed = seed,
        CommunicationWrapupWithClientCredentials = orgAllowsCommunicationWrapup
            ? CommunicationWrapupCredentialsBehaviour.Allow
            : CommunicationWrapupCredentialsBehaviour.Reject401,
    };

    /// <summary>The scenario name, marked when the org allows the per-communication call (the rows run on both sides).</summary>
    public static string Scenario(string name, bool orgAllowsCommunicationWrapup) =>
        orgAllowsCommunicationWrapup ? $"{name} (org allows the per-communication wrap-up call)" : name;

    /// <param name="fault">Runs beside the load from the first publish; cancelled once every outcome is in.</param>
    public static async Task<LoadResult> RunAsync(PipelineHost pipeline, LoadPlan plan, Func<CancellationToken, Task>? fault = null)
    {
        var sim = pipeline.Simulator;
        var publish = plan.Publish ?? ((intent, ct) => pipeline.PublishAsync(intent, ct));
        // A contact centre's worker is up before its calls end: the load (and the fault with it) starts on a worker that
        // is logged in and listening, or a fault on the first calls would measure a start-up race instead of itself.
        await pipeline.UntilListeningAsync();
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
        // A late second wrap-up would show up after the outcomes: read the oracle once the simulator is quiet.
        await sim.Control.UntilQuietAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
        TestContext.Progress.WriteLine($"[fault-load] {plan.Scenario}: {(allIn ? "every outcome in" : "gave up waiting")} after {seconds:0.0} s");
        var oracle = sim.Control.ReadOracle();
        return new LoadResult(plan, sent, pipeline.Outcomes, oracle, seconds) { Mechanism = MechanismReading.Read(pipeline, sent, oracle) };
    }

    private static async Task PublishAndEndAsync(PipelineHost pipeline, LoadPlan plan, Func<WrapUpIntent, CancellationToken, Task> publish,
        List<SentIntent> sent, CancellationToken limit)
    {
        var sim = pipeline.Simulator;
        for (var i = 0; i < plan.Conversations; i++)
        {
            var timeout = plan.AcwTimeoutFor(i);
            var conversation = timeout is { } t ? sim.ConnectedConversation("timeout", (int)t.TotalMilliseconds) : sim.ConnectedConversation();
            var endedFirst = plan.EndFirstEvery > 0 && i % plan.EndFirstEvery == 0;
            if (endedFirst) sim.Control.CustomerEnds(conversation.ConversationId);
            var (name, id) = Codes[i % Codes.Length];
            var intent = Scenarios.IntentFor(conversation.ConversationId, name) with { RequestedBy = $"fault-load {plan.Scenario}" };
            await publish(intent, limit);
            sent.Add(new SentIntent(intent, conversation.ConversationId, conversation.AgentParticipantId, id, endedFirst) { AcwTimeout = timeout });
            if (plan.Between is not null) await plan.Between(i, limit);
            await Task.Delay(plan.Pace, limit);
        }

        while (plan.EndAfterAccepted && !sent.All(s => pipeline.Outcomes.For(s.Intent.IntentId).Any(o => o is WrapUpAccepted || LoadResult.IsFinal(o))))
            await Task.Delay(50, limit);

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
}

/// <summary>One intent of a load, with what the oracle should show for it.</summary>
public sealed record SentIntent(WrapUpIntent Intent, string ConversationId, string AgentParticipantId, string ExpectedCodeId, bool EndedFirst)
{
    /// <summary>The agent's ACW timeout; null: mandatory ACW without one.</summary>
    public TimeSpan? AcwTimeout { get; init; }
}
