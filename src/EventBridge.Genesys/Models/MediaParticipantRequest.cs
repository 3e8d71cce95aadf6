namespace EventBridge.Genesys.Models;

/// <summary>
/// Body of <c>PATCH /api/v2/conversations/messages/{cid}/participants/{pid}</c>. Every field sent is an action
/// (a <c>state</c> next to a <c>wrapup</c> disconnects or is refused with 403), so only set fields are serialised.
/// </summary>
public sealed record MediaParticipantRequest
{
    public WrapupInput? Wrapup { get; init; }
    public string? State { get; init; }
    public bool? Recording { get; init; }
    public bool? Muted { get; init; }
    public bool? Confined { get; init; }
    public bool? Held { get; init; }
    public bool? WrapupSkipped { get; init; }
    public DateTimeOffset? ResumeTime { get; init; }
}
