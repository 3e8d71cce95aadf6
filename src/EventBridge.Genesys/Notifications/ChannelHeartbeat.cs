namespace EventBridge.Genesys.Notifications;

/// <summary>A <c>channel.metadata</c> frame: Genesys's ~30 s "WebSocket Heartbeat" or the "pong" answering our ping.</summary>
public sealed record ChannelHeartbeat(string Message, DateTimeOffset ReceivedAt);
