using System.Net.WebSockets;

namespace EventBridge.Genesys.Notifications;

/// <summary>
/// The live socket dropped without being replaced by us (not raised for a socket retired after
/// <c>socket_closing</c>). Nothing is queued meanwhile: reconcile over REST after a gap.
/// </summary>
public sealed record ChannelDisconnect(
    string Reason, WebSocketCloseStatus? CloseStatus, string? CloseDescription, Exception? Error, DateTimeOffset At);
