namespace EventBridge.Pipeline.Observability;

/// <summary>
/// Settle runs since start: <see cref="InProcess"/> finished from an event's snapshot without a read,
/// <see cref="HandedOff"/> started in process and finished by the settle queue, <see cref="Queue"/> runs of the settle
/// queue (hand-offs, retries, deadlines, reconciliation).
/// </summary>
public sealed record SettleCounts(long InProcess, long HandedOff, long Queue);
