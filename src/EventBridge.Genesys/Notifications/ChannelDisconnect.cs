using System.Net.WebSockets;

namespace EventBridge.Genesys.Notifications;

/// <summary>
/// The socket dropped without being closed by us (not raised for a socket retired after a successor took over,
/// e.g. after <c>socket_closing</c>). Nothing is queued meanwhile: reconcile over REST after a gap.
/// </summary>
public sealed record ChannelDisconnect(
    string Reason, WebSocketCloseStatus? CloseStatus, string? CloseDescription, Exception? Error, DateTimeOffset At);
