namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>
/// One wrap-up that took effect. <c>Via</c>: communicationWrapup | participantPatch | agent | acwTimeout |
/// recoveryDisconnect. <c>AcwStartedAt</c>: when the participant's after-call work began (null when it had none), so a
/// test can measure ACW → applied from the ground truth.
/// </summary>
public sealed record AppliedWrapup(
    string ConversationId,
    string ParticipantId,
    string CommunicationId,
    string CodeId,
    string CodeName,
    string Via,
    DateTimeOffset At,
    string? Notes = null,
    DateTimeOffset? AcwStartedAt = null);
