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
/// <param name="Duplicates">
/// Agent participants wrapped up, or sent a wrap-up call, more than once: calls after the first that took effect, from
/// the oracle's record of every wrap-up call (<c>OracleSnapshot.RepeatsFor</c>).
/// </param>
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
    /// <summary>Codes lost to the agent's ACW timeout (the intent ended <c>acw-timed-out</c>), and by timeout range.</summary>
    public int TimedOut { get; init; }

    public string TimedOutDetail { get; init; } = "";

    /// <summary>What the mechanism the row names did, measured in the run (<see cref="MechanismReading.Describe"/>).</summary>
    public string Mechanism { get; init; } = "";

    /// <summary>ACW → applied from the oracle (the agent's ACW start to the code landing), seconds.</summary>
    public double? AcwToAppliedP50 { get; init; }

    public double? AcwToAppliedP99 { get; init; }

    /// <summary>The check that the named mechanism fired (e.g. "reconnects > 0"), and whether it held.</summary>
    public string MechanismCheck { get; init; } = "";

    public bool MechanismFired { get; init; } = true;

    /// <summary>Set when the scenario did not finish: what failed (an exception, a broken assertion).</summary>
    public string? Failure { get; init; }

    public bool Kept => Failure is null && MechanismFired && Applied + FailedAsExpected + TimedOut == Intents && Duplicates == 0 && Lost == 0 && Unexpected == 0;

    /// <summary>A row for a scenario that started and never recorded its measurements.</summary>
    public static ReliabilityRow DidNotFinish(string scenario, string failure) =>
        new(scenario, "", "", 0, 0, 0, 0, 0, 0, 0) { Failure = failure };
}
