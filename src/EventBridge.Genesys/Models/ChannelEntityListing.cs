namespace EventBridge.Genesys.Models;

public sealed record ChannelEntityListing
{
    public IReadOnlyList<Channel>? Entities { get; init; }
}
