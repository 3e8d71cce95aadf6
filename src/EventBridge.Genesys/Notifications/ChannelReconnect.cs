namespace EventBridge.Genesys.Notifications;

/// <summary>A new socket to the same channel is live (after socket_closing, a drop, silence, or on request).</summary>
public sealed record ChannelReconnect(string Reason, int ReconnectCount, DateTimeOffset At);
