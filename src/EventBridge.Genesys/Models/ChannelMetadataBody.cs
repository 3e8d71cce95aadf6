namespace EventBridge.Genesys.Models;

/// <summary>Body of <c>channel.metadata</c>: "WebSocket Heartbeat" or "pong".</summary>
public sealed record ChannelMetadataBody
{
    public string? Message { get; init; }
}
