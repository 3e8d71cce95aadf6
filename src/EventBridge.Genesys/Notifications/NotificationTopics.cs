namespace EventBridge.Genesys.Notifications;

/// <summary>Topic names and builders for the topics EventBridge uses (see genesys-facts.md).</summary>
public static class NotificationTopics
{
    public const string ChannelMetadata = "channel.metadata";
    public const string SocketClosing = "v2.system.socket_closing";
    public const string SystemPrefix = "v2.system.";
    public const string NoLongerSubscribedPrefix = "v2.system.no_longer_subscribed";
    public const string TokenRevokedPrefix = "v2.system.token_revoked";
    public const string HeartbeatMessage = "WebSocket Heartbeat";
    public const string PongMessage = "pong";

    /// <summary>Generic body: participants with <c>messages[]</c> communications and <c>afterCallWork</c>.</summary>
    public static string QueueConversations(string queueId) => $"v2.routing.queues.{queueId}.conversations";

    public static string UserConversations(string userId) => $"v2.users.{userId}.conversations";

    /// <summary>Media-specific body: flat participants, no communication id.</summary>
    public static string QueueMessageConversations(string queueId) => $"v2.routing.queues.{queueId}.conversations.messages";

    public static string UserMessageConversations(string userId) => $"v2.users.{userId}.conversations.messages";

    /// <summary><paramref name="eventName"/>: <c>acw</c>, <c>wrapup</c>, <c>user.end</c>, <c>customer.end</c>.</summary>
    public static string ConversationDetailEvents(string conversationId, string eventName) =>
        $"v2.detail.events.conversation.{conversationId}.{eventName}";
}
