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

    /// <summary>
    /// ACW timeouts as a real org sets them (#15): every agent's ACW ends by itself with ININ-WRAP-UP-TIMEOUT unless
    /// the code lands first — most after 30–60 s, every <see cref="ShortTimeoutEvery"/>-th after 5–10 s. Off: mandatory
    /// ACW without a timeout (an agent waits for the code however late it comes).
    /// </summary>
    public bool AcwTimeouts { get; init; } = true;

    public int ShortTimeoutEvery { get; init; } = 5;

    /// <summary>The i-th conversation's ACW timeout: spread over the range, the same in every run.</summary>
    public TimeSpan? AcwTimeoutFor(int i)
    {
        if (!AcwTimeouts) return null;
        var shortOne = ShortTimeoutEvery > 0 && i % ShortTimeoutEvery == 0;
        return shortOne
            ? TimeSpan.FromMilliseconds(5_000 + i * 1_237 % 5_001)
            : TimeSpan.FromMilliseconds(30_000 + i * 7_919 % 30_001);
    }

    /// <summary>How an intent is sent; default: the MassTransit publish of the pipeline host (with broker confirms).</summary>
    public Func<WrapUpIntent, CancellationToken, Task>? Publish { get; init; }

    /// <summary>Sent between valid intents (bad input scenarios): called after the i-th publish.</summary>
    public Func<int, CancellationToken, Task>? Between { get; init; }
}
