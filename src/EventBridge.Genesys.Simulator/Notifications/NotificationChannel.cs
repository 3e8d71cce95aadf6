namespace EventBridge.Genesys.Simulator.Notifications;

/// <summary>A channel: subscriptions live here, not on the socket, so a new socket keeps them.</summary>
internal sealed class NotificationChannel(string id, string clientId, string token, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public string ClientId { get; } = clientId;

    public string Token { get; } = token;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset ExpiresAt { get; set; }

    public List<string> Topics { get; } = [];

    public ChannelSocket? Socket { get; set; }

    public bool EverConnected { get; set; }

    public ITimer? ClosingTimer { get; set; }

    public ITimer? ExpiryTimer { get; set; }

    public void DisposeTimers()
    {
        ClosingTimer?.Dispose();
        ExpiryTimer?.Dispose();
        ClosingTimer = null;
        ExpiryTimer = null;
    }
}
