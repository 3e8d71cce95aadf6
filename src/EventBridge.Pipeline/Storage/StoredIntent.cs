namespace EventBridge.Pipeline.Storage;

/// <summary>An intent as the store keeps it: what was asked, and how far it got.</summary>
public sealed record StoredIntent
{
    public Guid IntentId { get; init; }
    public string ConversationId { get; init; } = "";

    /// <summary>The code as the caller wrote it (name or id).</summary>
    public string RequestedCode { get; init; } = "";

    /// <summary>Resolved wrap-up code id and name (set once the catalogue answered).</summary>
    public string? CodeId { get; init; }
    public string? CodeName { get; init; }

    public string? Notes { get; init; }
    public string? ParticipantId { get; init; }
    public string? UserId { get; init; }
    public bool Disconnect { get; init; }
    public string? RequestedBy { get; init; }
    public DateTimeOffset Deadline { get; init; }

    public IntentStatus Status { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The agent participant and communication the code was (or is being) applied to.</summary>
    public string? AppliedParticipantId { get; init; }
    public string? CommunicationId { get; init; }

    /// <summary>The agent's queue, recorded with the claim or the failure once an agent was seen; what support filters by.</summary>
    public string? QueueId { get; init; }
    public string? AppliedVia { get; init; }
    public DateTimeOffset? AcwStartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    public string? FailureReason { get; init; }
    public string? FailureDetail { get; init; }
    public Guid? SupersededBy { get; init; }

    /// <summary>When EventBridge disconnected the agent for this intent (or found it already disconnected); never twice.</summary>
    public DateTimeOffset? DisconnectedAt { get; init; }

    /// <summary>When intake accepted it (code resolved, topics subscribed): the caller's <c>WrapUpAccepted</c> went out then.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>
    /// The worker process that claimed the wrap-up last (kept once final: who applied it), and until when an Applying
    /// intent's claim holds (null once released or final). See <see cref="IntentClaim"/>.
    /// </summary>
    public string? ClaimOwner { get; init; }
    public DateTimeOffset? ClaimExpiresAt { get; init; }

    /// <summary>Applying under a claim of another worker that has not expired at <paramref name="now"/>: that worker decides.</summary>
    public bool IsClaimedElsewhere(string owner, DateTimeOffset now) =>
        Status == IntentStatus.Applying && ClaimOwner is not null && ClaimOwner != owner && ClaimExpiresAt > now;

    /// <summary>"Same conversation and participant" for replacement: the participant id, else the user id, else the conversation's agent.</summary>
    public string TargetKey => ParticipantId ?? (UserId is null ? "" : "user:" + UserId);

    public bool IsFinal => Status is IntentStatus.Applied or IntentStatus.Failed;

    /// <summary>
    /// Whether <paramref name="message"/> asks for what this intent asks (a resend), or reuses its id for something
    /// else: conversation, code, target, notes and disconnect must match. Who asked and the deadline may differ.
    /// </summary>
    public bool AsksTheSameAs(EventBridge.Contracts.WrapUpIntent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Equals(ConversationId, message.ConversationId?.Trim(), StringComparison.OrdinalIgnoreCase)
            && string.Equals(RequestedCode, message.WrapUpCode?.Trim(), StringComparison.OrdinalIgnoreCase)
            && string.Equals(ParticipantId, Blank(message.ParticipantId), StringComparison.OrdinalIgnoreCase)
            && string.Equals(UserId, Blank(message.UserId), StringComparison.OrdinalIgnoreCase)
            && string.Equals(Notes, message.Notes, StringComparison.Ordinal)
            && Disconnect == message.Disconnect;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
