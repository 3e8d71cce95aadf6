using System.Text.Json;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.Notifications;

/// <summary>Frames Genesys sends on its own: heartbeats, pong, the closing warning, and the event envelope.</summary>
internal static class SystemFrames
{
    public const string MetadataTopic = "channel.metadata";
    public const string SocketClosingTopic = "v2.system.socket_closing";

    public static string Heartbeat { get; } = Metadata("WebSocket Heartbeat");

    public static string Pong { get; } = Metadata("pong");

    // Public sources (Genesys developer forum, 2020 announcement) name the topic but show no body; the body mirrors
    // channel.metadata frames.
    public static string SocketClosing { get; } =
        JsonSerializer.Serialize(new { topicName = SocketClosingTopic, eventBody = new { message = "Socket is closing" } });

    /// <summary>genesys-facts.md: <c>v2.system.token_revoked.*</c> bodies carry channelId, systemTopicType and reason.</summary>
    public static string TokenRevoked(string channelId) => JsonSerializer.Serialize(new
    {
        topicName = $"v2.system.token_revoked.{channelId}",
        eventBody = new { channelId, systemTopicType = "token_revoked", reason = "The token used to create this channel was revoked." },
    });

    /// <summary>
    /// genesys-facts.md: <c>v2.system.no_longer_subscribed.*</c> has the same body fields. Genesys sends it when it
    /// dropped the channel's subscriptions (permissions changed, the channel is being torn down); nothing more arrives.
    /// </summary>
    public static string NoLongerSubscribed(string channelId) => JsonSerializer.Serialize(new
    {
        topicName = $"v2.system.no_longer_subscribed.{channelId}",
        eventBody = new { channelId, systemTopicType = "no_longer_subscribed", reason = "The subscriptions of this channel were removed." },
    });

    public static string Envelope(string topicName, object eventBody) => JsonSerializer.Serialize(
        new
        {
            topicName,
            version = "2",
            eventBody,
            metadata = new Dictionary<string, string> { ["CorrelationId"] = Guid.NewGuid().ToString() },
        },
        SimulatorJson.Options);

    private static string Metadata(string message) =>
        JsonSerializer.Serialize(new { topicName = MetadataTopic, eventBody = new { message } });
}
