namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>Simulator-side summary of a participant (control API), independent of Genesys JSON shapes.</summary>
public sealed record ParticipantStatus(
    string ParticipantId,
    string Purpose,
    string? UserId,
    string? QueueId,
    string CommunicationId,
    string State,
    string AcwState,
    string? WrapupPrompt,
    string? WrapupCodeId,
    string? WrapupCodeName,
    bool WrapupSkipped);
