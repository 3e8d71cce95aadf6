namespace EventBridge.Genesys.Simulator.Faults;

/// <summary>
/// The next <c>Count</c> wrap-up calls (communication wrap-up POST, or a participant PATCH carrying a wrap-up) wait
/// <c>Delay</c> before Genesys handles them, as a slow moment at Genesys does. A client that gives up meanwhile (its
/// connection closed, as a killed or impatient worker's is) leaves no effect: the call counts as abandoned.
/// </summary>
public sealed record WrapUpHold(int Count, TimeSpan Delay);

/// <summary>How many wrap-up calls are held right now, and how many were abandoned by their client while held.</summary>
public sealed record WrapUpHoldState(int Pending, int HeldNow, int Completed, int Abandoned);
