using MassTransit;

namespace EventBridge.Contracts;

/// <summary>Genesys shows the code on the agent participant: confirmed, not just sent.</summary>
[EntityName(WrapUpExchanges.Applied)]
[MessageUrn(WrapUpExchanges.AppliedUrn)]
public sealed record WrapUpApplied
{
    public Guid IntentId { get; init; }
    public string ConversationId { get; init; } = "";
    public string ParticipantId { get; init; } = "";
    public string WrapUpCodeId { get; init; } = "";
    public string WrapUpCodeName { get; init; } = "";

    /// <summary>Which Genesys call the org accepted: one of <see cref="WrapUpCalls"/>.</summary>
    public string AppliedVia { get; init; } = "";

    /// <summary>From the agent entering after-call work to the code being applied.</summary>
    public TimeSpan Latency { get; init; }

    public DateTimeOffset AppliedAt { get; init; }
}
