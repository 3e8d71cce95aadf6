namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Internal command: "look at this intent now". Sent by the intake, by the listener when an event shows the agent's
/// wrap-up state changed, and by the sweeper at deadlines and for reconciliation. Idempotent by design.
/// </summary>
public sealed record SettleWrapUpIntent
{
    public Guid IntentId { get; init; }
    public string ConversationId { get; init; } = "";

    /// <summary>intake | event | deadline | reconcile — for logs and the dead-letter review.</summary>
    public string Trigger { get; init; } = "";
}
