using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Models;

/// <summary>
/// Every WebSocket frame: <c>{topicName, version, eventBody, metadata{CorrelationId}}</c>. The body stays a
/// <see cref="JsonElement"/> because its shape depends on the topic; the Parse methods read the known shapes.
/// </summary>
public sealed record NotificationEnvelope
{
    public string? TopicName { get; init; }
    public string? Version { get; init; }
    public JsonElement EventBody { get; init; }
    public NotificationMetadata? Metadata { get; init; }

    [JsonIgnore]
    public bool HasBody => EventBody.ValueKind == JsonValueKind.Object;

    /// <summary>Generic topics: <c>v2.routing.queues.{id}.conversations</c>, <c>v2.users.{id}.conversations</c>.</summary>
    public Conversation? ParseConversation() => Parse(GenesysJsonContext.Default.Conversation);

    /// <summary>Media-specific topics: <c>...conversations.messages</c>.</summary>
    public MessageConversation? ParseMessageConversation() => Parse(GenesysJsonContext.Default.MessageConversation);

    /// <summary>Detail topics: <c>v2.detail.events.conversation.{id}.*</c>.</summary>
    public ConversationDetailEvent? ParseDetailEvent() => Parse(GenesysJsonContext.Default.ConversationDetailEvent);

    public ChannelMetadataBody? ParseChannelMetadata() => Parse(GenesysJsonContext.Default.ChannelMetadataBody);

    public SystemTopicBody? ParseSystemTopic() => Parse(GenesysJsonContext.Default.SystemTopicBody);

    private T? Parse<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) where T : class =>
        HasBody ? EventBody.Deserialize(typeInfo) : null;
}
