namespace EventBridge.Pipeline.Observability;

/// <summary>
/// Settle runs since start by path and trigger (<see cref="Applying.SettleTriggers"/>): <see cref="InProcess"/>
/// finished from an event's snapshot without a read, <see cref="HandedOff"/> started in process and finished by the
/// settle queue, <see cref="Queue"/> runs of the settle queue (hand-offs, retries, deadlines, reconciliation).
/// </summary>
public sealed record SettleCounts(IReadOnlyDictionary<(string Path, string Trigger), long> Runs)
{
    public const string InProcessPath = "in-process";
    public const string HandedOffPath = "handed-off";
    public const string QueuePath = "queue";

    public long InProcess => OnPath(InProcessPath);

    public long HandedOff => OnPath(HandedOffPath);

    public long Queue => OnPath(QueuePath);

    /// <summary>Runs on one path for one trigger.</summary>
    public long Of(string path, string trigger) => Runs.GetValueOrDefault((path, trigger));

    /// <summary>Settles an event (or the intake) started in process, finished there or handed off.</summary>
    public long StartedInProcessBy(string trigger) => Of(InProcessPath, trigger) + Of(HandedOffPath, trigger);

    private long OnPath(string path) => Runs.Where(r => r.Key.Path == path).Sum(r => r.Value);
}
