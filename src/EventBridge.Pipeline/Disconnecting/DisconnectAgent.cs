namespace EventBridge.Pipeline.Disconnecting;

/// <summary>
/// Internal command: "disconnect this intent's agent". Sent by the intake once the conversation's topics are subscribed,
/// so the intake slot is free at once: a disconnect waits for the request budget on its own queue, never in front of an
/// intent whose agent is already in after-call work. Idempotent: the store records a disconnect that was done.
/// </summary>
public sealed record DisconnectAgent
{
    public Guid IntentId { get; init; }
    public string ConversationId { get; init; } = "";
    public string ParticipantId { get; init; } = "";
}
