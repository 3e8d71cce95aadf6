namespace EventBridge.DeadLetters.Storage;

/// <summary>A dead letter in a list: enough to recognise it, without headers and body.</summary>
public sealed record DeadLetterSummary
{
    public long Id { get; init; }
    public string Queue { get; init; } = "";
    public string Reason { get; init; } = "";
    public DeadLetterStatus Status { get; init; }
    public string MessageKind { get; init; } = "";
    public Guid? IntentId { get; init; }
    public string? ConversationId { get; init; }
    public string? WrapUpCode { get; init; }
    public string? FaultMessage { get; init; }
    public string? ExceptionType { get; init; }
    public DateTimeOffset FailedAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public Guid? RetriedAsIntentId { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
}
