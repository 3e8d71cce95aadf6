namespace EventBridge.Genesys.Models;

/// <summary>Body of <c>v2.system.*</c> topics (socket_closing, no_longer_subscribed, token_revoked).</summary>
public sealed record SystemTopicBody
{
    public string? ChannelId { get; init; }
    public string? SystemTopicType { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}
