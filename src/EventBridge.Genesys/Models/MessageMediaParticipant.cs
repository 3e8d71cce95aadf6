namespace EventBridge.Genesys.Models;

/// <summary>
/// Participant of the media-specific view (<c>GET /api/v2/conversations/messages/{id}</c> and the
/// <c>...conversations.messages</c> topics). It is flat: no communication id, user and queue as references.
/// </summary>
public sealed record MessageMediaParticipant
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Purpose { get; init; }
    public string? State { get; init; }
    public string? InitialState { get; init; }
    public string? Direction { get; init; }
    public string? DisconnectType { get; init; }
    public bool? Held { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? ConnectedTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public bool? WrapupRequired { get; init; }
    public string? WrapupPrompt { get; init; }
    public long? WrapupTimeoutMs { get; init; }
    public bool? WrapupSkipped { get; init; }
    public Wrapup? Wrapup { get; init; }
    public DateTimeOffset? StartAcwTime { get; init; }
    public DateTimeOffset? EndAcwTime { get; init; }
    public DomainEntityRef? User { get; init; }
    public DomainEntityRef? Queue { get; init; }
    public DomainEntityRef? Team { get; init; }
    public string? Provider { get; init; }
    public string? Type { get; init; }
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
