using System.Text.Json;

namespace EventBridge.DeadLetters.Storage;

/// <summary>One failed message as support sees it: where it failed, why, what it asked for, and what was done about it.</summary>
public sealed record DeadLetter
{
    public long Id { get; init; }
    public string Queue { get; init; } = "";
    public string Reason { get; init; } = "";
    public DeadLetterStatus Status { get; init; }

    /// <summary>intent | settle | unknown (<see cref="DeadLetterKinds"/>).</summary>
    public string MessageKind { get; init; } = "";
    public Guid? IntentId { get; init; }
    public string? ConversationId { get; init; }
    public string? WrapUpCode { get; init; }
    public string? Notes { get; init; }
    public string? ParticipantId { get; init; }
    public string? UserId { get; init; }
    public bool? Disconnect { get; init; }
    public string? RequestedBy { get; init; }

    public string? FaultMessage { get; init; }
    public string? ExceptionType { get; init; }
    public int? RetryCount { get; init; }

    /// <summary>MT-Fault-Timestamp as MassTransit wrote it.</summary>
    public string? FaultTimestamp { get; init; }
    public DateTimeOffset FailedAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    public string? MessageId { get; init; }
    public string? ContentType { get; init; }

    /// <summary>The message headers (MT-Fault-* and the rest), without any header named like a credential.</summary>
    public JsonElement Headers { get; init; }
    public string Body { get; init; } = "";

    /// <summary><see cref="DeadLetterBody.Utf8"/> or <see cref="DeadLetterBody.Base64"/>.</summary>
    public string BodyEncoding { get; init; } = DeadLetterBody.Utf8;

    /// <summary>The message body's size in bytes as it arrived; null for letters stored before sizes were kept.</summary>
    public long? BodyBytes { get; init; }

    /// <summary>SHA-256 (hex) of the whole body as it arrived, to match a cut body against a copy elsewhere.</summary>
    public string? BodySha256 { get; init; }

    /// <summary>True when <see cref="Body"/> holds only the first <c>DeadLetters:MaxStoredBodyBytes</c> of it.</summary>
    public bool BodyCut { get; init; }

    public Guid? RetriedAsIntentId { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
}
