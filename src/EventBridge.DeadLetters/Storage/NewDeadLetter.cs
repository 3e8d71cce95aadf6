namespace EventBridge.DeadLetters.Storage;

/// <summary>A message read from an error queue, ready to be stored (the ingestor fills it).</summary>
public sealed record NewDeadLetter
{
    /// <summary>Same message delivered again → same key → stored once.</summary>
    public string DedupKey { get; init; } = "";
    public string Queue { get; init; } = "";
    public string? MessageId { get; init; }
    public string? ContentType { get; init; }
    public string Body { get; init; } = "";
    public string BodyEncoding { get; init; } = DeadLetterBody.Utf8;
    public int BodyBytes { get; init; }
    public string BodySha256 { get; init; } = "";
    public bool BodyCut { get; init; }
    public string HeadersJson { get; init; } = "{}";
    public string? FaultMessage { get; init; }
    public string? ExceptionType { get; init; }
    public int? RetryCount { get; init; }
    public string? FaultTimestamp { get; init; }
    public DateTimeOffset FailedAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string MessageKind { get; init; } = DeadLetterKinds.Unknown;
    public Guid? IntentId { get; init; }
    public string? ConversationId { get; init; }
    public string? WrapUpCode { get; init; }
    public string? Notes { get; init; }
    public string? ParticipantId { get; init; }
    public string? UserId { get; init; }
    public bool? Disconnect { get; init; }
    public string? RequestedBy { get; init; }
    public string Reason { get; init; } = "";
}
