using EventBridge.Contracts;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>A load of intents for one fault scenario: N conversations, one intent each.</summary>
public sealed record LoadPlan(string Scenario, int Conversations = 30)
{
    /// <summary>Gap between two publishes (pacing only; nothing waits on it for correctness).</summary>
    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>How long to wait for every final outcome after the last publish.</summary>
    /// An upper bound, not a wait: at the real budget an intent whose events were lost is re-read only after
    /// <c>WrapUp:ReconcileAfter</c> (30 s) of quiet plus a sweep.
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Every n-th conversation ends before its intent is published (the agent is already in ACW at intake).</summary>
    public int EndFirstEvery { get; init; } = 3;

    /// <summary>
    /// End the conversations only once every intent is accepted, so no agent is in ACW while its intent is taken in
    /// (the control row: otherwise a slow intake read finds the agent in ACW and settles it, which is not reconciliation).
    /// </summary>
    public bool EndAfterAccepted { get; init; }

    /// <summary>How an intent is sent; default: the MassTransit publish of the pipeline host (with broker confirms).</summary>
    public Func<WrapUpIntent, CancellationToken, Task>? Publish { get; init; }

    /// <summary>Sent between valid intents (bad input scenarios): called after the i-th publish.</summary>
    public Func<int, CancellationToken, Task>? Between { get; init; }
}
