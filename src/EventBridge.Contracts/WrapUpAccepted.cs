using MassTransit;

namespace EventBridge.Contracts;

/// <summary>The intent is stored and its code resolved; EventBridge now waits for the agent to enter wrap-up.</summary>
[EntityName(WrapUpExchanges.Accepted)]
[MessageUrn(WrapUpExchanges.AcceptedUrn)]
public sealed record WrapUpAccepted
{
    public Guid IntentId { get; init; }
    public string ConversationId { get; init; } = "";
    public string WrapUpCodeId { get; init; } = "";
    public string WrapUpCodeName { get; init; } = "";

    /// <summary>An older pending intent for the same conversation and participant that this one replaced.</summary>
    public Guid? ReplacedIntentId { get; init; }

    public DateTimeOffset AcceptedAt { get; init; }
}
