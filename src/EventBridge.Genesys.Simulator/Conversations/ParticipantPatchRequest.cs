namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>The JS SDK's <c>MediaParticipantRequest</c>; every field sent is an action.</summary>
internal sealed record ParticipantPatchRequest
{
    public WrapupRequest? Wrapup { get; init; }

    public string? State { get; init; }

    public bool? WrapupSkipped { get; init; }
}
