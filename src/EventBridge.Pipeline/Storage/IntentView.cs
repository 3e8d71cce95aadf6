namespace EventBridge.Pipeline.Storage;

/// <summary>
/// An intent as the HTTP API shows it (intents API, dead-letter inspect): what was asked and how far it got, status as
/// text, and the ACW-to-applied latency.
/// </summary>
public sealed record IntentView
{
    public required Guid IntentId { get; init; }
    public required string ConversationId { get; init; }
    public required string RequestedCode { get; init; }
    public string? CodeId { get; init; }
    public string? CodeName { get; init; }
    public string? Notes { get; init; }
    public string? ParticipantId { get; init; }
    public string? UserId { get; init; }
    public bool Disconnect { get; init; }
    public string? RequestedBy { get; init; }
    public DateTimeOffset Deadline { get; init; }

    /// <summary>Pending, Applying, Applied or Failed.</summary>
    public required string Status { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When intake accepted it (WrapUpAccepted went out); null until then, and for intents that failed at intake.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? AppliedParticipantId { get; init; }

    /// <summary>The agent's queue, once an agent was seen.</summary>
    public string? QueueId { get; init; }
    public string? AppliedVia { get; init; }
    public DateTimeOffset? AcwStartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? FailureReason { get; init; }
    public string? FailureDetail { get; init; }
    public Guid? SupersededBy { get; init; }

    /// <summary>After-call work entered → code applied, for applied intents.</summary>
    public double? LatencyMs { get; init; }

    public static IntentView From(StoredIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return new IntentView
        {
            IntentId = intent.IntentId,
            ConversationId = intent.ConversationId,
            RequestedCode = intent.RequestedCode,
            CodeId = intent.CodeId,
            CodeName = intent.CodeName,
            Notes = intent.Notes,
            ParticipantId = intent.ParticipantId,
            UserId = intent.UserId,
            Disconnect = intent.Disconnect,
            RequestedBy = intent.RequestedBy,
            Deadline = intent.Deadline,
            Status = intent.Status.ToString(),
            ReceivedAt = intent.ReceivedAt,
            AcceptedAt = intent.AcceptedAt,
            UpdatedAt = intent.UpdatedAt,
            AppliedParticipantId = intent.AppliedParticipantId,
            QueueId = intent.QueueId,
            AppliedVia = intent.AppliedVia,
            AcwStartedAt = intent.AcwStartedAt,
            CompletedAt = intent.CompletedAt,
            FailureReason = intent.FailureReason,
            FailureDetail = intent.FailureDetail,
            SupersededBy = intent.SupersededBy,
            LatencyMs = intent.Status == IntentStatus.Applied && intent.AcwStartedAt is { } acw && intent.CompletedAt is { } done && done >= acw
                ? (done - acw).TotalMilliseconds
                : null,
        };
    }
}
