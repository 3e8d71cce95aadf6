namespace EventBridge.Genesys.Models;

/// <summary>
/// Participant of the generic conversation view (<c>GET /api/v2/conversations/{id}</c>) and of the generic topic
/// bodies (<c>v2.routing.queues.{id}.conversations</c>, <c>v2.users.{id}.conversations</c>); the shapes match.
/// </summary>
public sealed record ConversationParticipant
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? UserId { get; init; }
    public string? QueueId { get; init; }
    public string? Purpose { get; init; }
    public string? ParticipantType { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? ConnectedTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public bool? WrapupRequired { get; init; }
    public bool? WrapupExpected { get; init; }
    public string? WrapupPrompt { get; init; }
    public long? WrapupTimeoutMs { get; init; }
    public bool? WrapupSkipped { get; init; }
    public Wrapup? Wrapup { get; init; }
    public DateTimeOffset? StartAcwTime { get; init; }
    public DateTimeOffset? EndAcwTime { get; init; }
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    public IReadOnlyList<MessageCommunication>? Messages { get; init; }
}
