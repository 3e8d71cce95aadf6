using System.Text.Json;

namespace EventBridge.DeadLetters.Storage;

/// <summary>A row of <c>dead_letters</c> as SQLite holds it (Guids and instants as text); Dapper reads into it.</summary>
internal sealed class DeadLetterRow
{
    public const string Columns = """
        id AS Id, queue AS Queue, reason AS Reason, status AS Status, message_kind AS MessageKind, intent_id AS IntentId,
        conversation_id AS ConversationId, wrap_up_code AS WrapUpCode, notes AS Notes, participant_id AS ParticipantId,
        user_id AS UserId, disconnect AS Disconnect, requested_by AS RequestedBy, fault_message AS FaultMessage,
        exception_type AS ExceptionType, retry_count AS RetryCount, fault_timestamp AS FaultTimestamp, failed_at AS FailedAt,
        received_at AS ReceivedAt, message_id AS MessageId, content_type AS ContentType, headers_json AS HeadersJson,
        body AS Body, body_encoding AS BodyEncoding, body_bytes AS BodyBytes, body_sha256 AS BodySha256, body_cut AS BodyCut,
        retried_as_intent_id AS RetriedAsIntentId, resolved_at AS ResolvedAt,
        resolved_by AS ResolvedBy
        """;

    public long Id { get; set; }
    public string Queue { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Status { get; set; } = "";
    public string MessageKind { get; set; } = "";
    public string? IntentId { get; set; }
    public string? ConversationId { get; set; }
    public string? WrapUpCode { get; set; }
    public string? Notes { get; set; }
    public string? ParticipantId { get; set; }
    public string? UserId { get; set; }
    public long? Disconnect { get; set; }
    public string? RequestedBy { get; set; }
    public string? FaultMessage { get; set; }
    public string? ExceptionType { get; set; }
    public long? RetryCount { get; set; }
    public string? FaultTimestamp { get; set; }
    public string FailedAt { get; set; } = "";
    public string ReceivedAt { get; set; } = "";
    public string? MessageId { get; set; }
    public string? ContentType { get; set; }
    public string HeadersJson { get; set; } = "{}";
    public string Body { get; set; } = "";
    public string BodyEncoding { get; set; } = "";
    public long? BodyBytes { get; set; }
    public string? BodySha256 { get; set; }
    public long BodyCut { get; set; }
    public string? RetriedAsIntentId { get; set; }
    public string? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }

    public DeadLetter ToLetter()
    {
        using var headers = JsonDocument.Parse(HeadersJson);
        return new DeadLetter
        {
            Id = Id,
            Queue = Queue,
            Reason = Reason,
            Status = Enum.Parse<DeadLetterStatus>(Status),
            MessageKind = MessageKind,
            IntentId = ParseId(IntentId),
            ConversationId = ConversationId,
            WrapUpCode = WrapUpCode,
            Notes = Notes,
            ParticipantId = ParticipantId,
            UserId = UserId,
            Disconnect = Disconnect is { } flag ? flag != 0 : null,
            RequestedBy = RequestedBy,
            FaultMessage = FaultMessage,
            ExceptionType = ExceptionType,
            RetryCount = RetryCount is { } count ? (int)count : null,
            FaultTimestamp = FaultTimestamp,
            FailedAt = DeadLetterTime.FromText(FailedAt),
            ReceivedAt = DeadLetterTime.FromText(ReceivedAt),
            MessageId = MessageId,
            ContentType = ContentType,
            Headers = headers.RootElement.Clone(),
            Body = Body,
            BodyEncoding = BodyEncoding,
            BodyBytes = BodyBytes,
            BodySha256 = BodySha256,
            BodyCut = BodyCut != 0,
            RetriedAsIntentId = ParseId(RetriedAsIntentId),
            ResolvedAt = DeadLetterTime.FromNullableText(ResolvedAt),
            ResolvedBy = ResolvedBy,
        };
    }

    public static DeadLetterSummary Summarize(DeadLetter letter) => new()
    {
        Id = letter.Id,
        Queue = letter.Queue,
        Reason = letter.Reason,
        Status = letter.Status,
        MessageKind = letter.MessageKind,
        IntentId = letter.IntentId,
        ConversationId = letter.ConversationId,
        WrapUpCode = letter.WrapUpCode,
        FaultMessage = letter.FaultMessage,
        ExceptionType = letter.ExceptionType,
        FailedAt = letter.FailedAt,
        ReceivedAt = letter.ReceivedAt,
        RetriedAsIntentId = letter.RetriedAsIntentId,
        ResolvedAt = letter.ResolvedAt,
        ResolvedBy = letter.ResolvedBy,
    };

    private static Guid? ParseId(string? text) => Guid.TryParse(text, out var id) ? id : null;
}
