using System.ComponentModel.DataAnnotations;

namespace EventBridge.Genesys.Simulator.Faults;

/// <summary>Shares (0..1) of notifications hit by each fault, plus switches. Genesys delivery is best effort.</summary>
public sealed record NotificationFaults
{
    [Range(0.0, 1.0)]
    public double DropShare { get; init; }

    [Range(0.0, 1.0)]
    public double DuplicateShare { get; init; }

    /// <summary>A hit notification is held back and sent after the next frame on the same socket.</summary>
    [Range(0.0, 1.0)]
    public double ReorderShare { get; init; }

    [Range(0.0, 1.0)]
    public double DelayShare { get; init; }

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    public bool HeartbeatsStopped { get; init; }

    /// <summary>Added before every API answer (waits on the simulator's clock).</summary>
    public TimeSpan ApiLatency { get; init; }
}
