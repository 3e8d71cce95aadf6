namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>
/// One wrap-up that took effect. <c>Via</c>: communicationWrapup | participantPatch | agent | acwTimeout |
/// recoveryDisconnect.
/// </summary>
public sealed record AppliedWrapup(
    string ConversationId,
    string ParticipantId,
    string CommunicationId,
    string CodeId,
    string CodeName,
    string Via,
    DateTimeOffset At,
    string? Notes = null);
