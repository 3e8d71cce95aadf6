using EventBridge.Contracts;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>A load of intents for one fault scenario: N conversations, one intent each.</summary>
public sealed record LoadPlan(string Scenario, int Conversations = 30)
{
    /// <summary>Gap between two publishes (pacing only; nothing waits on it for correctness).</summary>
    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>How long to wait for every final outcome after the last publish.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Every n-th conversation ends before its intent is published (the agent is already in ACW at intake).</summary>
    public int EndFirstEvery { get; init; } = 3;

    /// <summary>How an intent is sent; default: the MassTransit publish of the pipeline host (with broker confirms).</summary>
    public Func<WrapUpIntent, CancellationToken, Task>? Publish { get; init; }

    /// <summary>Sent between valid intents (bad input scenarios): called after the i-th publish.</summary>
    public Func<int, CancellationToken, Task>? Between { get; init; }
}
