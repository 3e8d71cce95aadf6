using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>The failed intent as the intent store has it (status as text, failure reason and Genesys's answer).</summary>
public sealed record IntentView
{
    public Guid IntentId { get; init; }
    public string ConversationId { get; init; } = "";
    public string RequestedCode { get; init; } = "";
    public string? CodeId { get; init; }
    public string? CodeName { get; init; }
    public string? Notes { get; init; }
    public string? ParticipantId { get; init; }
    public string? UserId { get; init; }
    public bool Disconnect { get; init; }
    public string? RequestedBy { get; init; }
    public DateTimeOffset Deadline { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? AppliedParticipantId { get; init; }
    public string? AppliedVia { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? FailureReason { get; init; }
    public string? FailureDetail { get; init; }
    public Guid? SupersededBy { get; init; }

    public static IntentView From(StoredIntent intent) => new()
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
        UpdatedAt = intent.UpdatedAt,
        AppliedParticipantId = intent.AppliedParticipantId,
        AppliedVia = intent.AppliedVia,
        CompletedAt = intent.CompletedAt,
        FailureReason = intent.FailureReason,
        FailureDetail = intent.FailureDetail,
        SupersededBy = intent.SupersededBy,
    };
}
