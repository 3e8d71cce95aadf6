namespace EventBridge.Pipeline.Storage;

/// <summary>The final state of an intent. Exactly one of these is ever stored per intent.</summary>
public sealed record IntentCompletion
{
    public required IntentStatus Status { get; init; }
    public string? ParticipantId { get; init; }
    public string? CommunicationId { get; init; }

    /// <summary>The agent's queue when a failure knows it (kept when null: the claim may have recorded it).</summary>
    public string? QueueId { get; init; }
    public string? AppliedVia { get; init; }
    public string? FailureReason { get; init; }
    public string? FailureDetail { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>The token of the caller's claim: an Applying intent is completed only by the claim that holds it.</summary>
    public Guid? ClaimToken { get; init; }

    public static IntentCompletion Applied(string participantId, string? communicationId, string via, DateTimeOffset at, Guid? claimToken = null) =>
        new() { Status = IntentStatus.Applied, ParticipantId = participantId, CommunicationId = communicationId, AppliedVia = via, At = at, ClaimToken = claimToken };

    public static IntentCompletion Failed(string reason, string detail, DateTimeOffset at, string? participantId = null, Guid? claimToken = null,
        string? queueId = null) =>
        new()
        {
            Status = IntentStatus.Failed, FailureReason = reason, FailureDetail = detail, ParticipantId = participantId, At = at, ClaimToken = claimToken,
            QueueId = queueId,
        };
}
