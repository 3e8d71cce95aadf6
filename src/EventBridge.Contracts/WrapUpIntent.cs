using System.Text.Json.Serialization;
using MassTransit;

namespace EventBridge.Contracts;

/// <summary>
/// "Apply this wrap-up code to this conversation's agent when the agent enters after-call work."
/// Published by a gateway through MassTransit, as raw JSON (docs/raw-json-intents.md), or over HTTP.
/// </summary>
[EntityName(WrapUpExchanges.Intent)]
[MessageUrn(WrapUpExchanges.IntentUrn)]
public sealed record WrapUpIntent
{
    /// <summary>Chosen by the caller; the same id twice is one intent (safe to resend).</summary>
    public Guid IntentId { get; init; }

    public string ConversationId { get; init; } = "";

    /// <summary>Wrap-up code name ("QA_Review") or id (GUID); names are resolved through the org's catalogue.</summary>
    public string WrapUpCode { get; init; } = "";

    public string? Notes { get; init; }

    /// <summary>Target agent participant; when absent (and no <see cref="UserId"/>), see docs for the default rule.</summary>
    public string? ParticipantId { get; init; }

    /// <summary>Target agent by user id, when the caller knows the agent but not the participant.</summary>
    public string? UserId { get; init; }

    /// <summary>Ask EventBridge to end the agent's leg itself, after the intent is stored and the code checked.</summary>
    public bool Disconnect { get; init; }

    /// <summary>Who asked (gateway name, user), kept for audit.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>
    /// Give up (outcome "expired") if the agent has not entered wrap-up by then; default from configuration. Must carry
    /// a UTC offset. A deadline already past on arrival ends "expired" at once, without a call to Genesys.
    /// </summary>
    [JsonConverter(typeof(UtcOffsetRequired))]
    public DateTimeOffset? Deadline { get; init; }
}
