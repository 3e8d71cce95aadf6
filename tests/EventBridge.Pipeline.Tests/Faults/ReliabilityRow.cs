namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// One measured line of docs/RELIABILITY.md. Every number is counted from the run: outcomes as a caller received them
/// through the broker, wrap-ups from the simulator's oracle.
/// </summary>
/// <param name="Scenario">What was broken.</param>
/// <param name="Load">How the intents were sent (conversations, pacing).</param>
/// <param name="Faults">The faults as injected, with the counts the simulator or the test observed.</param>
/// <param name="Intents">Intents published.</param>
/// <param name="Applied">Intents with an applied outcome whose code the oracle shows exactly once on the agent.</param>
/// <param name="FailedAsExpected">Intents built to fail (bad input) that failed or were dead-lettered as designed.</param>
/// <param name="Duplicates">Agent participants with more than one wrap-up in the oracle.</param>
/// <param name="Lost">Intents without any final outcome (nor a dead letter, for unreadable input) at the end.</param>
/// <param name="Unexpected">Intents whose final outcome was not the expected one (or contradicted itself).</param>
/// <param name="Seconds">From the first publish until every outcome was in (or patience ran out).</param>
public sealed record ReliabilityRow(
    string Scenario,
    string Load,
    string Faults,
    int Intents,
    int Applied,
    int FailedAsExpected,
    int Duplicates,
    int Lost,
    int Unexpected,
    double Seconds)
{
    public bool Kept => Applied + FailedAsExpected == Intents && Duplicates == 0 && Lost == 0 && Unexpected == 0;
}
