namespace EventBridge.Genesys.Models;

/// <summary>A notification channel; <see cref="ConnectUri"/> is the WebSocket URL (no auth header needed).</summary>
public sealed record Channel
{
    public Uri? ConnectUri { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Expires { get; init; }
}
