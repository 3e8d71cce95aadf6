namespace EventBridge.Genesys.Models;

public sealed record ChannelTopicEntityListing
{
    public IReadOnlyList<ChannelTopic>? Entities { get; init; }
}
