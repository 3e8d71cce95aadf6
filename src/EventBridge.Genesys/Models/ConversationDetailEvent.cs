using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Models;

/// <summary>
/// Body of the analytics detail topics <c>v2.detail.events.conversation.{id}.acw|wrapup|user.end|customer.end</c>
/// (AcwDetailEventTopicAfterCallWorkEvent and its siblings share these fields). Enum values are UPPERCASE strings.
/// </summary>
public sealed record ConversationDetailEvent
{
    /// <summary>Epoch milliseconds.</summary>
    public long? EventTime { get; init; }
    public string? ConversationId { get; init; }
    public string? ParticipantId { get; init; }
    public string? SessionId { get; init; }
    public string? MediaType { get; init; }
    public string? Provider { get; init; }
    public string? Direction { get; init; }
    public string? DisconnectType { get; init; }
    public string? MessageType { get; init; }
    public string? UserId { get; init; }
    public string? QueueId { get; init; }
    public string? DivisionId { get; init; }
    public string? WrapupCode { get; init; }
    public string? WrapupNotes { get; init; }
    public long? WrapupDurationMs { get; init; }
    public long? InteractingDurationMs { get; init; }

    [JsonIgnore]
    public DateTimeOffset? EventTimestamp => EventTime is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
