namespace EventBridge.Genesys.Models;

/// <summary>Generic conversation (REST Conversation and the generic topic body QueueConversationEventTopicConversation).</summary>
public sealed record Conversation
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ExternalTag { get; init; }
    public string? State { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public IReadOnlyList<ConversationParticipant>? Participants { get; init; }
}
