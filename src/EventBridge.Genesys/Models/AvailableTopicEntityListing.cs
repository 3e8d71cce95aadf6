namespace EventBridge.Genesys.Models;

public sealed record AvailableTopicEntityListing
{
    public IReadOnlyList<AvailableTopic>? Entities { get; init; }
}
