using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Models;

/// <summary>
/// Source-generated JSON for every Genesys payload: camelCase, unknown fields ignored, nulls never written so that
/// PATCH bodies carry only what was set (Genesys treats each field sent as an action).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(GenesysDateTimeOffsetConverter)])]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(MessageConversation))]
[JsonSerializable(typeof(MediaParticipantRequest))]
[JsonSerializable(typeof(ConversationStateRequest))]
[JsonSerializable(typeof(WrapupInput))]
[JsonSerializable(typeof(WrapupCode))]
[JsonSerializable(typeof(IReadOnlyList<WrapupCode>))]
[JsonSerializable(typeof(WrapupCodeEntityListing))]
[JsonSerializable(typeof(RoutingQueue))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(ChannelEntityListing))]
[JsonSerializable(typeof(ChannelTopicEntityListing))]
[JsonSerializable(typeof(IReadOnlyList<TopicSubscription>))]
[JsonSerializable(typeof(AvailableTopicEntityListing))]
[JsonSerializable(typeof(NotificationEnvelope))]
[JsonSerializable(typeof(ConversationDetailEvent))]
[JsonSerializable(typeof(ChannelMetadataBody))]
[JsonSerializable(typeof(SystemTopicBody))]
public sealed partial class GenesysJsonContext : JsonSerializerContext
{
}
