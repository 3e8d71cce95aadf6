namespace EventBridge.Genesys.Models;

/// <summary>Media-specific message conversation (REST MessageConversation and topic ConversationMessageEventTopicMessageConversation).</summary>
public sealed record MessageConversation
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<MessageMediaParticipant>? Participants { get; init; }
}
