namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>A wrap-up that was answered with success but changed nothing (AcceptAndIgnore, or sent with state).</summary>
public sealed record IgnoredWrapup(
    string ConversationId,
    string ParticipantId,
    string? CodeId,
    string Via,
    string Why,
    DateTimeOffset At);
