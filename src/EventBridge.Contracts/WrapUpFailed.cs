using MassTransit;

namespace EventBridge.Contracts;

/// <summary>The intent ended without the code applied. <see cref="Reason"/> is one of <see cref="WrapUpFailureReasons"/>.</summary>
[EntityName(WrapUpExchanges.Failed)]
[MessageUrn(WrapUpExchanges.FailedUrn)]
public sealed record WrapUpFailed
{
    public Guid IntentId { get; init; }
    public string ConversationId { get; init; } = "";
    public string? ParticipantId { get; init; }
    public string Reason { get; init; } = "";

    /// <summary>What happened, with the ids and Genesys answer needed to follow it up.</summary>
    public string Detail { get; init; } = "";

    public DateTimeOffset FailedAt { get; init; }
}
