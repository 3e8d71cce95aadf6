namespace EventBridge.Genesys.Models;

/// <summary>After-call work of one communication; <see cref="State"/> is e.g. "pending", "notApplicable", "complete", "skipped".</summary>
public sealed record AfterCallWork
{
    public string? State { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
}
