using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>What a load ended with, counted from the outcomes a caller received and from the simulator's oracle.</summary>
public sealed class LoadResult
{
    private readonly LoadPlan _plan;
    private readonly OutcomeCollector _outcomes;

    public LoadResult(LoadPlan plan, IReadOnlyList<SentIntent> sent, OutcomeCollector outcomes, OracleSnapshot oracle, double seconds)
    {
        _plan = plan;
        Sent = sent;
        _outcomes = outcomes;
        Oracle = oracle;
        Seconds = seconds;
        var conversations = sent.Select(s => s.ConversationId).ToHashSet(StringComparer.Ordinal);
        var wrapups = oracle.Wrapups.Where(w => conversations.Contains(w.ConversationId)).ToList();
        // Every participant the load touched, from the codes that took effect and from every wrap-up call that reached
        // the simulator: a second call answered 409 or accepted-and-ignored changes no code but is still a duplicate.
        DoubledParticipants = [.. wrapups.Select(w => (w.ConversationId, w.ParticipantId))
            .Concat(oracle.WrapupCalls.Where(c => conversations.Contains(c.ConversationId)).Select(c => (c.ConversationId, c.ParticipantId)))
            .Distinct()
            .Where(p => oracle.RepeatsFor(p.ConversationId, p.ParticipantId) > 0)
            .Select(p => p.ParticipantId)];
        foreach (var s in sent)
        {
            var finals = outcomes.For(s.Intent.IntentId).Where(IsFinal).ToList();
            var mine = wrapups.Where(w => w.ConversationId == s.ConversationId && w.ParticipantId == s.AgentParticipantId).ToList();
            if (finals.Count == 0) Lost.Add(s);
            else if (finals.All(f => f is WrapUpApplied) && mine.Count == 1 && mine[0].CodeId == s.ExpectedCodeId) Applied.Add(s);
            else if (s.AcwTimeout is not null && finals.All(IsTimedOut) && mine.Count == 1 && mine[0].CodeId == SeedData.WrapupTimeoutCodeId) TimedOut.Add(s);
            else Unexpected.Add((s, Describe(finals, mine.Count)));
            FinalEvents += finals.Count;
        }
    }

    public IReadOnlyList<SentIntent> Sent { get; }

    /// <summary>What the worker's mechanisms did in the run; null for a result built outside <see cref="FaultLoad"/>.</summary>
    public MechanismReading? Mechanism { get; init; }

    public OracleSnapshot Oracle { get; }

    public double Seconds { get; }

    public List<SentIntent> Applied { get; } = [];

    public List<SentIntent> Lost { get; } = [];

    /// <summary>
    /// Codes lost to the agent's ACW timeout: Genesys put ININ-WRAP-UP-TIMEOUT on the agent before EventBridge's code
    /// landed, and the caller was told <c>acw-timed-out</c>. An honest final outcome, but a code the contact centre lost.
    /// </summary>
    public List<SentIntent> TimedOut { get; } = [];

    public List<(SentIntent Intent, string What)> Unexpected { get; } = [];

    public IReadOnlyList<string> DoubledParticipants { get; }

    /// <summary>Final outcome events received for these intents (at least one each; redeliveries may repeat one).</summary>
    public int FinalEvents { get; private set; }

    /// <summary>API answers with this status during the run (injected faults show up here).</summary>
    public int Refused(int status) => Oracle.RefusedCalls.Count(c => c.Status == status);

    public static bool IsFinal(object outcome) => outcome is WrapUpApplied or WrapUpFailed;

    private static bool IsTimedOut(object outcome) => outcome is WrapUpFailed { Reason: WrapUpFailureReasons.AcwTimedOut };

    private static string TimeoutRange(SentIntent s) => s.AcwTimeout < TimeSpan.FromSeconds(30) ? "5–10 s" : "30–60 s";

    /// <summary>The row of this load, plus extra intents the test counted itself (bad input).</summary>
    public ReliabilityRow ToRow(string faults, int extraIntents = 0, int failedAsExpected = 0, int extraLost = 0, int extraUnexpected = 0) => new(
        _plan.Scenario,
        $"{_plan.Conversations} conversations, one intent every {_plan.Pace.TotalMilliseconds:0} ms; " +
        (_plan.AcwTimeouts ? $"ACW timeouts 30–60 s, every {_plan.ShortTimeoutEvery}th 5–10 s" : "mandatory ACW, no timeout"),
        faults,
        Sent.Count + extraIntents,
        Applied.Count,
        failedAsExpected,
        DoubledParticipants.Count,
        Lost.Count + extraLost,
        Unexpected.Count + extraUnexpected,
        Math.Round(Seconds, 1))
    {
        TimedOut = TimedOut.Count,
        TimedOutDetail = TimedOut.Count == 0 ? "" : string.Join(", ", TimedOut.GroupBy(TimeoutRange).OrderBy(g => g.Key).Select(g => $"{g.Count()} of {Sent.Count(s => s.AcwTimeout is not null && TimeoutRange(s) == g.Key)} with {g.Key}")),
        Mechanism = Mechanism?.Describe() ?? "",
        AcwToAppliedP50 = Mechanism?.AcwToAppliedP50,
        AcwToAppliedP99 = Mechanism?.AcwToAppliedP99,
    };

    /// <summary>
    /// Records the row in the reliability table, then asserts the promise on it and that the mechanism the row names
    /// fired (<paramref name="check"/>, described by <paramref name="checkName"/>, e.g. "reconnects > 0").
    /// </summary>
    public void Report(string faults, string checkName, Func<MechanismReading, bool> check)
    {
        var fired = Mechanism is { } reading && check(reading);
        var row = ToRow(faults) with { MechanismCheck = checkName, MechanismFired = fired };
        ReliabilityTable.Record(row);
        Assert.Multiple(() =>
        {
            Assert.That(fired, Is.True, $"the mechanism this row names must fire ({checkName}); measured: {row.Mechanism}");
            AssertPromiseKept(row);
        });
    }

    public void AssertPromiseKept(ReliabilityRow row)
    {
        TestContext.Progress.WriteLine($"[fault-load] {row.Scenario}: {FinalEvents} final outcome events for {Sent.Count} intents");
        Assert.Multiple(() =>
        {
            Assert.That(Lost.Select(Name), Is.Empty, "intents without a final outcome");
            Assert.That(Unexpected.Select(u => $"{Name(u.Intent)}: {u.What}"), Is.Empty, "intents that did not end as expected");
            Assert.That(DoubledParticipants, Is.Empty, "agent participants wrapped up more than once (oracle)");
            Assert.That(row.Applied + row.FailedAsExpected + row.TimedOut, Is.EqualTo(row.Intents), "every intent ends as expected");
        });
    }

    private string Name(SentIntent s) =>
        $"intent {s.Intent.IntentId} (conversation {s.ConversationId}, seen: {string.Join(", ", _outcomes.For(s.Intent.IntentId).Select(Describe))})";

    private static string Describe(object outcome) => outcome switch
    {
        WrapUpFailed failed => $"failed {failed.Reason}: {failed.Detail}",
        WrapUpApplied applied => $"applied via {applied.AppliedVia}",
        _ => outcome.GetType().Name,
    };

    private static string Describe(IReadOnlyList<object> finals, int wrapups) =>
        $"{string.Join("; ", finals.Select(Describe))}; oracle wrap-ups on the agent: {wrapups}";
}
