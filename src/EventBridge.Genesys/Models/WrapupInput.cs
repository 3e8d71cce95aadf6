namespace EventBridge.Genesys.Models;

/// <summary>
/// Body of <c>POST .../communications/{id}/wrapup</c> and the <c>wrapup</c> of a participant PATCH.
/// <see cref="Code"/> is the wrap-up code id (GUID), not its name. Unset fields are not sent.
/// </summary>
public sealed record WrapupInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Notes { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public int? DurationSeconds { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public bool? Provisional { get; init; }
    public bool? DisableEndTimeUpdates { get; init; }
}
