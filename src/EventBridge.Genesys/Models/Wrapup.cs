namespace EventBridge.Genesys.Models;

/// <summary>
/// A wrap-up as Genesys reports it on a participant or communication. <see cref="Code"/> may hold the code id or,
/// in some events, its name: callers must accept both.
/// </summary>
public sealed record Wrapup
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Notes { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public int? DurationSeconds { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public bool? Provisional { get; init; }
}
